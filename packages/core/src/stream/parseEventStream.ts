import type { AssistantStreamEvent } from '../schemas/event.ts'
import { checkValidation, type Validation } from '../schemas/validation.ts'
import { readEvents } from './readEvents.ts'

/** Options of {@link parseEventStream}. */
export interface ParseEventStreamOptions {
  /**
   * How much of each event is checked: `'lenient'`, `'off'`, or `strict` imported from `@skein/core/strict` (the
   * string `'strict'` throws a TypeError that says so). See {@link Validation}.
   * @defaultValue `'lenient'`
   */
  validation?: Validation | undefined
  /** Aborting ends the iteration with the signal's reason (thrown as it is) and cancels the body. */
  signal?: AbortSignal | undefined
}

/**
 * Reads an Assistants Server-Sent-Events body as typed events
 * (`body -> TextDecoder -> SSE parser -> typed events`, in one loop). The result is the same however the bytes
 * are chunked; CR, LF and CRLF line endings, a BOM, comments, `id:`/`retry:` fields and multi-line `data:` are handled
 * by the SSE parser. Events follow the SSE standard strictly: an event is only dispatched at a blank line, so a body
 * without blank lines between events yields nothing and fails as truncated.
 *
 * - `done` ends the iteration and is not yielded.
 * - `error` throws `AssistantsError('stream_error')` whose `details` is the wire error object.
 * - Unknown event names are yielded as `{ event, data, unknown: true }`.
 * - A body that ends before `done` without a terminal run event or `thread.run.requires_action` throws
 *   `AssistantsError('network', 'The stream ended before the run finished ...')`.
 * - Leaving the loop early (`break`, `return`, a throw) cancels the body.
 *
 * @param body - the response body (`response.body`)
 * @param options - validation mode and abort signal
 * @returns an async iterable of events; iterate it once
 * @throws TypeError when `body` is not a ReadableStream or `validation` is unknown (or the string `'strict'`)
 * @example
 * ```ts
 * const response = await fetch(`${baseURL}/threads/${threadId}/runs`, { method: 'POST', headers, body })
 * let state = initialRunState()
 * for await (const event of parseEventStream(response.body!)) {
 *   state = reduceRun(state, event)
 *   if ('unknown' in event) continue // narrows the rest to the 25 known events
 *   if (event.event === 'thread.message.delta') showTyping(event.data.id)
 * }
 * ```
 */
export function parseEventStream(
  body: ReadableStream<Uint8Array>,
  options: ParseEventStreamOptions = {},
): AsyncIterable<AssistantStreamEvent> {
  if (typeof (body as Partial<ReadableStream> | null)?.getReader !== 'function') {
    throw new TypeError('parseEventStream expects a ReadableStream of bytes. Did you mean to pass `response.body`?')
  }
  return readEvents(body, checkValidation(options.validation, 'parseEventStream'), options.signal)
}
