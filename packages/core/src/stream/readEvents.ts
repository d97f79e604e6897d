import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent, Validation } from '../schemas/event.ts'
import { clip } from './clip.ts'
import { createSseParser } from './createSseParser.ts'
import { toAssistantEvent } from './toAssistantEvent.ts'

// A stream may end without `done` only after one of these: the run is finished, or it waits for tool outputs.
const FINAL_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'completed incomplete failed cancelled expired requires_action'.split(' ').map((status) => `thread.run.${status}`),
)

type Result = IteratorResult<AssistantStreamEvent, undefined>

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true })

/** A no-op, for promises whose failure is reported elsewhere. */
export const ignore = (): void => {}

/**
 * The iterator behind `parseEventStream` and `createRunStream`: `body -> SSE parser -> typed events` in one loop.
 *
 * Why no web-stream stages and no async generator: this runs once per streamed token. A TransformStream per step costs
 * a queue round trip and a promise per event (and Node's queues dequeue with Array#shift, so a body that arrives as one
 * big chunk would read back in O(events²)); an async generator costs three more promise hops per event. Here one
 * `reader.read()` parses every event of its chunk into `batch`, and `next()` hands them out one by one from an
 * already-resolved promise. Together that is a third of the parser's time on a 100k-delta stream (bench/RESULTS.md).
 *
 * Behaves like an async generator: the body is read from the first `next()` on; `done`, an error, the end of the body
 * or `return()` (a `break`) finish the iterator once, release the abort listener, cancel the body and call `onEnd`.
 *
 * @param body - the response body, or the promise of it (awaited at the first `next()`; its rejection is thrown as is)
 * @param validation - `lenient`, `off` or a `StrictValidation`
 * @param signal - aborting ends the iteration with the signal's reason and cancels the body
 * @param onEvent - called with each event before it is handed out; what it throws ends the iteration
 * @param onEnd - called once when the iteration ends: `(undefined, true)` after `done` or a final run event,
 *   `(error)` when it fails (the signal's reason once aborted), `()` after `return()`
 * @returns an iterator that is its own iterable; iterate it once
 */
export function readEvents(
  body: ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>,
  validation: Validation,
  signal: AbortSignal | undefined,
  onEvent: (event: AssistantStreamEvent) => void = ignore,
  onEnd: (error?: unknown, ok?: boolean) => void = ignore,
): AsyncIterableIterator<AssistantStreamEvent, undefined> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  let strayLine: string | undefined
  // The name and data of each SSE message of the chunk being handed out (the parser pushes onto it), and the position
  // of the next one.
  const batch: string[] = []
  let position = 0
  let ended = false
  let finished = false
  let count = 0
  let final = false
  let pending: Promise<Result> | undefined

  const parser = createSseParser(batch)
  // The body is cancelled through the reader once there is one (a locked body refuses `cancel`).
  const cancel = (reason?: unknown): void => {
    Promise.resolve(body)
      .then((stream) => (reader ?? stream).cancel(reason))
      .catch(ignore)
  }
  // Listening from the start: an abort before the first `next()` (nobody reads yet) releases the body too. An already
  // aborted signal is seen by `next()`.
  const onAbort = (): void => cancel(signal?.reason)
  signal?.addEventListener('abort', onAbort)

  function finish(error?: unknown, ok?: boolean): void {
    if (finished) return
    finished = true
    signal?.removeEventListener('abort', onAbort)
    // Cancels the body when we stop early; a no-op once the body has ended.
    cancel()
    onEnd(error, ok)
  }

  /** Ends the iteration with `error` (the signal's reason once aborted), and returns what to throw. */
  function fail(error: unknown): unknown {
    const failure = signal?.aborted ? signal.reason : error
    finish(failure)
    return failure
  }

  /** The next result from the parsed batch, or undefined when it is used up and more bytes are needed. */
  function take(): Result | undefined {
    if (position < batch.length) {
      const event = toAssistantEvent(batch[position++]!, batch[position++]!, validation)
      if (event === null) {
        finish(undefined, true)
        return DONE
      }
      count++
      if (FINAL_EVENTS.has(event.event)) final = true
      onEvent(event)
      return { value: event, done: false }
    }
    if (!ended) {
      batch.length = position = 0
      return undefined
    }
    if (!final) throw streamFailure('network', 'ended', endedEarly(count, strayLine))
    finish(undefined, true)
    return DONE
  }

  async function fill(): Promise<Result> {
    reader ??= (await body).getReader()
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await reader.read()
      } catch (error) {
        throw readFailure(error)
      }
      if (signal?.aborted) throw signal.reason
      if (finished) return DONE
      if (result.done) {
        ended = true
        // An event without its closing blank line is never dispatched (the SSE standard): a cut body fails as truncated.
        strayLine = parser.end()
      } else parser.feed(result.value)
      const next = take()
      if (next !== undefined) return next
    }
  }

  const iterator: AsyncIterableIterator<AssistantStreamEvent, undefined> = {
    next() {
      // `for await` never overlaps calls; a hand-driven caller that does is served in order.
      if (pending !== undefined) return pending.then(() => iterator.next())
      if (finished) return Promise.resolve(DONE)
      try {
        if (signal?.aborted) throw signal.reason
        const next = take()
        if (next !== undefined) return Promise.resolve(next)
      } catch (error) {
        return Promise.reject(fail(error))
      }
      pending = fill().then(
        (result) => {
          pending = undefined
          return result
        },
        (error: unknown) => {
          pending = undefined
          throw fail(error)
        },
      )
      return pending
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

function streamFailure(code: 'network' | 'timeout', what: string, rest: string, cause?: unknown): AssistantsError {
  return new AssistantsError(code, `The stream ${what} before the run finished${rest}`, { cause })
}

function readFailure(error: unknown): unknown {
  const name = (error as { name?: unknown } | null)?.name
  if (AssistantsError.is(error) || name === 'AbortError') return error
  return name === 'TimeoutError'
    ? streamFailure('timeout', 'timed out', '.', error)
    : streamFailure('network', 'failed', `: ${(error as Error | null)?.message ?? error}`, error)
}

function endedEarly(count: number, strayLine: string | undefined): string {
  if (count > 0) return ` (${count} events, none of them a terminal run event or \`done\`).`
  if (strayLine) {
    return `: the body is not an event stream (first unrecognised line: ${JSON.stringify(clip(strayLine, 80))}).`
  }
  return ': no complete event arrived (an SSE event ends with a blank line).'
}
