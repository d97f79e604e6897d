// The consumers under test. Each reads one response body to the end and returns the final text (the reply, or the
// tool call's arguments) plus how many events it saw, so the harness can prove that all of them agree.
import { initialRunState, messageText, parseEventStream, type RunState, reduceRun, type Validation } from '@skein/core'
import { strict } from '@skein/core/strict'

/** What a consumer ends with. */
export interface Outcome {
  readonly text: string
  /** Events seen (without `done`); -1 when the consumer does not expose a count. */
  readonly events: number
}

/** A named consumer. */
export interface Target {
  readonly name: TargetName
  /** One line for the results: what exactly runs. */
  readonly label: string
  readonly consume: (body: ReadableStream<Uint8Array>) => Promise<Outcome>
}

export type TargetName = 'floor' | 'skein-lenient' | 'skein-strict' | 'skein-off' | 'openai'

/**
 * The floor: what any consumer has to do at least. TextDecoder, split on blank lines, JSON.parse of every data line;
 * no validation, no accumulation (the final text is read from the completed message or the requires_action run).
 *
 * @param body - the SSE body
 * @returns the final text and the event count
 */
export async function floor(body: ReadableStream<Uint8Array>): Promise<Outcome> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let events = 0
  let text = ''
  const handle = (block: string): void => {
    const newline = block.indexOf('\n')
    const data = block.slice(newline + 7)
    if (data === '[DONE]') return
    const name = block.slice(7, newline)
    const value = JSON.parse(data)
    events++
    if (name === 'thread.message.completed') text = value.content[0].text.value
    else if (name === 'thread.run.requires_action')
      text = value.required_action.submit_tool_outputs.tool_calls[0].function.arguments
  }
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const chunk = decoder.decode(value, { stream: true })
    // An event can only end in the new text, or on a blank line split across the chunk boundary: skip the split
    // otherwise (re-scanning the whole buffer per 64-byte chunk would make the floor no floor).
    const straddles = chunk.charCodeAt(0) === 10 && buffer.charCodeAt(buffer.length - 1) === 10
    buffer += chunk
    if (!straddles && !chunk.includes('\n\n')) continue
    let start = 0
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n', start)) {
      handle(buffer.slice(start, end))
      start = end + 2
    }
    buffer = buffer.slice(start)
  }
  return { text, events }
}

/** The accumulated text of a run state: the last message's text, or the last tool call's arguments. */
export function finalText(state: RunState): string {
  const last = state.messages.at(-1)
  if (last !== undefined) return messageText(last)
  const details = state.steps.at(-1)?.step_details
  if (details?.type !== 'tool_calls') return ''
  const call = details.tool_calls.at(-1)
  return call?.type === 'function' ? call.function.arguments : ''
}

/**
 * Skein: `parseEventStream` folded with `reduceRun`, with the given validation.
 *
 * @param validation - `lenient` (the default), `off`, or `strict` from `@skein/core/strict`
 * @returns the consumer
 */
export function skein(validation: Validation): (body: ReadableStream<Uint8Array>) => Promise<Outcome> {
  return async (body) => {
    let state = initialRunState()
    let events = 0
    for await (const event of parseEventStream(body, { validation })) {
      state = reduceRun(state, event)
      events++
    }
    return { text: finalText(state), events }
  }
}

type OpenAIModule = typeof import('openai')
let openaiModule: Promise<OpenAIModule> | undefined

/**
 * The official client (openai-node 4.x): `beta.threads.runs.stream()` over an injected fetch that answers with the body,
 * then `finalMessages()` / `finalRunSteps()`. That is its SSE decoder plus the AssistantStream accumulator, exactly what
 * an app runs. (`AssistantStream.fromReadableStream` reads the client's own JSON-lines format, not SSE.)
 *
 * @param body - the SSE body
 * @returns the final text and the event count
 */
export async function openai(body: ReadableStream<Uint8Array>): Promise<Outcome> {
  openaiModule ??= import('openai')
  const { default: OpenAI } = await openaiModule
  const client = new OpenAI({
    apiKey: 'bench',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
  })
  const stream = client.beta.threads.runs.stream('thread_Wq2ScOs1iInUsyhUUDmN5NZH', {
    assistant_id: 'asst_0VLdyfoSMFV4tQpzWUT2ywhg',
  })
  let events = 0
  stream.on('event', () => {
    events++
  })
  const messages = await stream.finalMessages()
  const last = messages.at(-1)
  if (last !== undefined) {
    let text = ''
    for (const part of last.content) if (part.type === 'text') text += part.text.value
    return { text, events }
  }
  const steps = await stream.finalRunSteps()
  const details = steps.at(-1)?.step_details
  const call = details?.type === 'tool_calls' ? details.tool_calls.at(-1) : undefined
  return { text: call?.type === 'function' ? call.function.arguments : '', events }
}

/** Every decode target, in table order. */
export const TARGETS: readonly Target[] = [
  { name: 'floor', label: 'TextDecoder + split on blank lines + JSON.parse', consume: floor },
  { name: 'skein-lenient', label: "parseEventStream + reduceRun, validation 'lenient'", consume: skein('lenient') },
  { name: 'skein-strict', label: 'parseEventStream + reduceRun, validation: strict', consume: skein(strict) },
  { name: 'openai', label: 'openai 4.104.0 runs.stream() + finalMessages()', consume: openai },
]
