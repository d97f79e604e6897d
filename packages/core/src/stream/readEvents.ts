import { createParser } from 'eventsource-parser'
import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent, Validation } from '../schemas/event.ts'
import type { SseMessage } from './sseMessage.ts'
import { toAssistantEvent } from './toAssistantEvent.ts'

// A stream may end without `done` only after one of these: the run is finished, or it waits for tool outputs.
const SETTLING_EVENTS: ReadonlySet<string> = new Set([
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
  'thread.run.requires_action',
])

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true })

const ignore = (): void => {}

/**
 * The iterator behind `parseEventStream`: `body -> TextDecoder -> eventsource-parser -> typed events` in one loop.
 *
 * Why no web-stream stages and no async generator: this runs once per streamed token. A TransformStream per step costs
 * a queue round trip and a promise per event (and Node's queues dequeue with Array#shift, so a body that arrives as one
 * big chunk would read back in O(events²)); an async generator costs three more promise hops per event. Here one
 * `reader.read()` parses every event of its chunk into `batch`, and `next()` hands them out one by one from an
 * already-resolved promise. Together that is a third of the parser's time on a 100k-delta stream (bench/RESULTS.md).
 *
 * Behaves like the async generator it replaces: the body is read from the first `next()` on; `done`, an error, the
 * end of the body or `return()` (a `break`) finish the iterator, release the abort listener and cancel the body.
 *
 * @param body - the response body
 * @param validation - `strict`, `lenient` or `off`
 * @param signal - aborting ends the iteration with the signal's reason
 * @returns an iterator that is its own iterable; iterate it once
 */
export function readEvents(
  body: ReadableStream<Uint8Array>,
  validation: Validation,
  signal: AbortSignal | undefined,
): AsyncIterableIterator<AssistantStreamEvent, undefined> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  let strayLine: string | undefined
  // The SSE messages of the chunk being handed out, and the position of the next one.
  let batch: SseMessage[] = []
  let position = 0
  let ended = false
  let finished = false
  let count = 0
  let settled = false
  let pending: Promise<IteratorResult<AssistantStreamEvent, undefined>> | undefined

  const parser = createParser({
    onEvent(message) {
      batch.push(message)
    },
    // Lines that are no SSE field (HTML, JSON, plain text) only matter for the message if no event ever arrives.
    onError(error) {
      if (strayLine !== undefined || error.type !== 'unknown-field') return
      if (error.line?.trim()) strayLine = error.line
    },
  })
  // One decoder for the whole body (`stream: true`), so a multi-byte character split across chunks decodes whole.
  const decoder = new TextDecoder()
  const onAbort = (): void => {
    reader?.cancel(signal?.reason).catch(ignore)
  }

  function finish(): void {
    if (finished) return
    finished = true
    batch = []
    signal?.removeEventListener('abort', onAbort)
    // Cancels the body when we stop early; a no-op once the body has ended.
    reader?.cancel().catch(ignore)
  }

  /** The next result from the parsed batch, or undefined when it is used up and more bytes are needed. */
  function take(): IteratorResult<AssistantStreamEvent, undefined> | undefined {
    if (position < batch.length) {
      const event = toAssistantEvent(batch[position++]!, validation)
      if (event === null) {
        finish()
        return DONE
      }
      count++
      if (SETTLING_EVENTS.has(event.event)) settled = true
      return { value: event, done: false }
    }
    if (!ended) {
      batch.length = 0
      position = 0
      return undefined
    }
    finish()
    if (!settled) throw new AssistantsError('network', endedEarly(count, strayLine))
    return DONE
  }

  async function fill(
    open: ReadableStreamDefaultReader<Uint8Array>,
  ): Promise<IteratorResult<AssistantStreamEvent, undefined>> {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await open.read()
      } catch (error) {
        throw readFailure(error, signal)
      }
      if (signal?.aborted) throw signal.reason
      if (finished) return DONE
      if (result.done) {
        ended = true
        // An incomplete trailing character becomes U+FFFD (as in TextDecoderStream). An event without its closing
        // blank line is never dispatched (the SSE standard), so a cut body fails as truncated.
        const rest = decoder.decode()
        if (rest !== '') parser.feed(rest)
      } else parser.feed(decoder.decode(result.value, { stream: true }))
      const next = take()
      if (next !== undefined) return next
    }
  }

  function start(): ReadableStreamDefaultReader<Uint8Array> {
    if (signal?.aborted) {
      finished = true
      body.cancel(signal.reason).catch(ignore)
      throw signal.reason
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    return body.getReader()
  }

  const iterator: AsyncIterableIterator<AssistantStreamEvent, undefined> = {
    next() {
      // `for await` never overlaps calls; a hand-driven caller that does is served in order.
      if (pending !== undefined) return pending.then(() => iterator.next())
      if (finished) return Promise.resolve(DONE)
      let open: ReadableStreamDefaultReader<Uint8Array>
      try {
        open = reader ??= start()
        if (signal?.aborted) throw signal.reason
        const next = take()
        if (next !== undefined) return Promise.resolve(next)
      } catch (error) {
        finish()
        return Promise.reject(error)
      }
      const read = fill(open).then(
        (result) => {
          pending = undefined
          return result
        },
        (error: unknown) => {
          pending = undefined
          finish()
          throw error
        },
      )
      pending = read
      return read
    },
    return() {
      finish()
      return Promise.resolve(DONE)
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

function readFailure(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason
  if (AssistantsError.is(error)) return error
  const name = (error as { name?: unknown } | null)?.name
  if (name === 'AbortError') return error
  if (name === 'TimeoutError')
    return new AssistantsError('timeout', 'The stream timed out before the run finished.', { cause: error })
  const reason = error instanceof Error ? error.message : String(error)
  return new AssistantsError('network', `The stream failed before the run finished: ${reason}`, { cause: error })
}

function endedEarly(count: number, strayLine: string | undefined): string {
  const prefix = 'The stream ended before the run finished'
  if (count > 0) return `${prefix} (${count} events, then the body ended without a terminal run event or \`done\`).`
  if (strayLine !== undefined) {
    const line = strayLine.length > 80 ? `${strayLine.slice(0, 80)}…` : strayLine
    return `${prefix}: the body is not an event stream (first unrecognised line: ${JSON.stringify(line)}).`
  }
  return `${prefix}: no complete event arrived (an SSE event ends with a blank line).`
}
