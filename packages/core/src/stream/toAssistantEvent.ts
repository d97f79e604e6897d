import { AssistantsError } from '../errors.ts'
import type { WireError } from '../schemas/common.ts'
import { type AssistantStreamEvent, STREAM_EVENT_NAMES, type StreamEventName } from '../schemas/event.ts'
import type { Validation } from '../schemas/validation.ts'
import { checkLenient } from './checkLenient.ts'
import { clip } from './clip.ts'

// Known names map to their own interned string (see STREAM_EVENT_NAMES): the parser's name is a fresh slice of the
// chunk, so every later comparison (the reducer's, the checks') would compare characters, and an event that outlives
// its chunk would keep the chunk's text alive.
const KNOWN: ReadonlyMap<string, StreamEventName> = /* @__PURE__ */ new Map(
  STREAM_EVENT_NAMES.map((name) => [name, name]),
)

/**
 * Turns one SSE message into a typed event.
 *
 * - `done` returns `null` (the caller ends the stream; it is never yielded).
 * - An unknown name (or no `event:` field at all, reported as `message`) passes through as
 *   `{ event, data, unknown: true }` with the parsed JSON, or the raw text when it is not JSON.
 * - `error` throws `stream_error` (bare `{ message, ... }` or wrapped `{ error: { ... } }`; non-JSON text is kept too).
 * - Otherwise the data must be JSON (`invalid_event` in every mode) and pass the chosen validation.
 *
 * @param name - the message's event name (`message` when it had none)
 * @param text - its data
 * @param validation - `'lenient'`, `'off'` or a `StrictValidation` such as `strict` (already checked by the caller)
 * @returns the typed event, or `null` for `done`
 * @throws AssistantsError `invalid_event` or `stream_error`
 */
export function toAssistantEvent(name: string, text: string, validation: Validation): AssistantStreamEvent | null {
  if (name === 'done') return null
  if (name === 'error') throw streamError(text)
  const event = KNOWN.get(name)
  if (event === undefined) return { event: name, data: parseOrRaw(text), unknown: true }
  let data: unknown = text
  let problem: string | undefined
  let cause: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    cause = error
    problem = `data is not valid JSON (${(error as Error).message}): ${JSON.stringify(clip(text, 80))}`
  }
  if (validation === 'lenient') problem ??= checkLenient(event, data)
  else if (validation !== 'off' && problem === undefined) data = validation.event(event, data)
  if (problem !== undefined)
    throw new AssistantsError('invalid_event', `${event}: ${problem}`, { event, body: data, cause })
  // The check above is what makes this assertion true (in `off` mode the caller opted out of it).
  return { event, data } as AssistantStreamEvent
}

/**
 * Parses JSON without throwing.
 *
 * @param text - the text
 * @returns the parsed value, or `text` itself when it is not JSON
 */
export function parseOrRaw(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function streamError(text: string): AssistantsError {
  const payload = parseOrRaw(text) as { error?: unknown } | null
  const wrapped = payload?.error ?? payload
  // An object is the wire error, a string its message; anything else (a number, null) is kept as the raw text.
  const body = typeof wrapped === 'string' || (wrapped && typeof wrapped === 'object') ? wrapped : text
  const said = (body as WireError).message ?? body
  const detail = (typeof said === 'string' && said.trim()) || 'the server reported an error'
  return new AssistantsError('stream_error', `Stream error: ${clip(detail, 500)}`, { event: 'error', body })
}
