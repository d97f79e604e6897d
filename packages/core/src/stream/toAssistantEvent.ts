import * as v from 'valibot'
import { AssistantsError } from '../errors.ts'
import type { WireError } from '../schemas/common.ts'
import {
  type AssistantStreamEvent,
  EVENT_DATA_SCHEMAS,
  STREAM_EVENT_NAMES,
  type StreamEventName,
  type Validation,
} from '../schemas/event.ts'
import { checkLenient } from './checkLenient.ts'
import type { SseMessage } from './sseMessage.ts'

// Known names map to their own literal: the parser's name is a fresh slice of the chunk, the literal is an interned
// string, so every later comparison (the reducer's switch, the checks) is a pointer compare, and an event that
// outlives its chunk does not keep the chunk's text alive.
const KNOWN: ReadonlyMap<string, StreamEventName> = new Map(STREAM_EVENT_NAMES.map((name) => [name, name]))

/**
 * Turns one SSE message into a typed event.
 *
 * - `done` returns `null` (the caller ends the stream; it is never yielded).
 * - An unknown name (or no `event:` field at all, reported as `message`) passes through as
 *   `{ event, data, unknown: true }` with the parsed JSON, or the raw text when it is not JSON.
 * - `error` throws `stream_error` (bare `{ message, ... }` or wrapped `{ error: { ... } }`; non-JSON text is kept too).
 * - Otherwise the data must be JSON (`invalid_event` in every mode) and pass the chosen validation.
 *
 * @param message - what eventsource-parser produced
 * @param validation - `strict`, `lenient` or `off`
 * @returns the typed event, or `null` for `done`
 * @throws AssistantsError `invalid_event` or `stream_error`
 */
export function toAssistantEvent(message: SseMessage, validation: Validation): AssistantStreamEvent | null {
  const name = message.event ?? 'message'
  if (name === 'done') return null
  if (name === 'error') throw streamError(message.data)
  const canonical = KNOWN.get(name)
  if (canonical === undefined) return { event: name, data: parseOrRaw(message.data), unknown: true }
  const known = canonical as keyof typeof EVENT_DATA_SCHEMAS
  let data: unknown
  try {
    data = JSON.parse(message.data)
  } catch (error) {
    throw new AssistantsError(
      'invalid_event',
      `${known}: data is not valid JSON (${(error as Error).message}): ${preview(message.data)}`,
      { event: known, body: message.data, cause: error },
    )
  }
  if (validation === 'strict') {
    const result = v.safeParse(EVENT_DATA_SCHEMAS[known], data)
    if (!result.success) {
      throw new AssistantsError('invalid_event', `${known}: ${describeIssue(result.issues[0])}`, {
        event: known,
        body: data,
        issues: result.issues,
      })
    }
    data = result.output
  } else if (validation === 'lenient') {
    const problem = checkLenient(known, data)
    if (problem !== undefined)
      throw new AssistantsError('invalid_event', `${known}: ${problem}`, { event: known, body: data })
  }
  // The check above is what makes this assertion true (in `off` mode the caller opted out of it).
  return { event: known, data } as AssistantStreamEvent
}

function parseOrRaw(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat)
}

function streamError(text: string): AssistantsError {
  const payload = parseOrRaw(text)
  const wrapped = typeof payload === 'object' && payload !== null && 'error' in payload ? payload.error : payload
  const body: WireError | string =
    typeof wrapped === 'object' && wrapped !== null
      ? (wrapped as WireError)
      : typeof wrapped === 'string'
        ? wrapped
        : text
  const said = typeof body === 'string' ? body : body.message
  const detail = typeof said === 'string' && said.trim() !== '' ? said.trim() : 'the server reported an error'
  return new AssistantsError(
    'stream_error',
    `Stream error: ${detail.length > 500 ? `${detail.slice(0, 500)}…` : detail}`,
    {
      event: 'error',
      body,
    },
  )
}

type Issue = v.BaseIssue<unknown>

// A union issue nests the issues of its options, with paths relative to the union; follow the first one down to the
// actual field and join the paths on the way.
function describeIssue(issue: Issue): string {
  let current = issue
  let path = pathOf(current)
  while (current.issues !== undefined && current.issues.length > 0) {
    current = current.issues[0]!
    path += pathOf(current)
  }
  return `${path === '' ? 'data' : path.replace(/^\./, '')}: ${current.message}`
}

function pathOf(issue: Issue): string {
  let path = ''
  for (const item of issue.path ?? []) {
    const key: unknown = item.key
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`
  }
  return path
}
