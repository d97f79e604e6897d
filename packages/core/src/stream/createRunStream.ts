import { anySignal } from '../anySignal.ts'
import type { AssistantStreamEvent, Validation } from '../schemas/event.ts'
import { reduceRun } from '../state/reduceRun.ts'
import { initialRunState, type RunState } from '../state/runState.ts'
import { parseEventStream } from './parseEventStream.ts'

/** A streamed run: iterate it for events, or await {@link RunStream.done} for the final {@link RunState}. */
export interface RunStream extends AsyncIterable<AssistantStreamEvent> {
  /** Aborts the request; iteration and {@link RunStream.done} end with `reason` (default: an `AbortError`). */
  abort(reason?: unknown): void
  /** The final state. If nobody iterates, this drives the iteration itself; after an abort it rejects with the reason. */
  done(): Promise<RunState>
  /** Aborted when the stream is aborted: `abort()`, leaving the loop early, or the caller's `signal`. */
  readonly signal: AbortSignal
}

/** Options of {@link createRunStream}. */
export interface CreateRunStreamOptions {
  /** @defaultValue `'lenient'` */
  validation?: Validation | undefined
  /** The caller's signal; combined with the stream's own. */
  signal?: AbortSignal | undefined
  /** The state to reduce onto (e.g. a submit-tool-outputs stream continuing a run). @defaultValue `initialRunState()` */
  initialState?: RunState | undefined
}

const ignore = (): void => {}

/**
 * Opens a run stream. `open` performs the request with the given signal and resolves to the response body (or
 * rejects with an AssistantsError); it is called at once, like `fetch`, and a failure nobody awaits is not reported
 * as an unhandled rejection. Each event is folded with {@link reduceRun}; `done()` resolves to the last state.
 *
 * @param open - starts the request; must honour `signal`
 * @param options - validation, caller signal, initial state
 * @returns the {@link RunStream}; iterate it at most once
 * @example
 * ```ts
 * const stream = createRunStream((signal) => openBody(`/threads/${id}/runs`, { stream: true }, signal))
 * for await (const event of stream) {
 *   if (!('unknown' in event) && event.event === 'thread.run.requires_action') showTools(event.data)
 * }
 * const { status, messages } = await stream.done()
 * ```
 */
export function createRunStream(
  open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>,
  options: CreateRunStreamOptions = {},
): RunStream {
  const controller = new AbortController()
  const signal = options.signal === undefined ? controller.signal : anySignal([options.signal, controller.signal])
  let state = options.initialState ?? initialRunState()
  let consumed = false
  let settled = false
  let resolveDone: (state: RunState) => void = ignore
  let rejectDone: (reason: unknown) => void = ignore
  const finished = new Promise<RunState>((resolve, reject) => {
    resolveDone = resolve
    rejectDone = reject
  })
  finished.catch(ignore)
  const settle = (outcome: { state: RunState } | { error: unknown }): void => {
    if (settled) return
    settled = true
    if ('state' in outcome) resolveDone(outcome.state)
    else rejectDone(outcome.error)
  }

  let opened: Promise<ReadableStream<Uint8Array>>
  try {
    opened = signal.aborted ? Promise.reject(signal.reason) : open(signal)
  } catch (error) {
    opened = Promise.reject(error)
  }
  opened.catch(ignore)

  const onAbort = (): void => {
    settle({ error: signal.reason })
    // Nobody reads the body: release the connection. A reader cancels it itself (parseEventStream listens too).
    if (!consumed) opened.then((body) => body.cancel(signal.reason).catch(ignore), ignore)
  }
  if (signal.aborted) onAbort()
  else signal.addEventListener('abort', onAbort, { once: true })

  async function* iterate(): AsyncGenerator<AssistantStreamEvent, void, undefined> {
    let completed = false
    try {
      const body = await opened
      for await (const event of parseEventStream(body, { validation: options.validation, signal })) {
        state = reduceRun(state, event)
        yield event
      }
      completed = true
      settle({ state })
    } catch (error) {
      const failure = signal.aborted ? signal.reason : error
      settle({ error: failure })
      throw failure
    } finally {
      // Left early (`break`, `return`): the request is no longer wanted.
      if (!completed && !settled) {
        controller.abort(new DOMException('The run stream was closed before the run finished.', 'AbortError'))
      }
    }
  }

  // done() without a reader: the same loop without the generator hop per event (about a tenth of the cost).
  async function drive(): Promise<void> {
    try {
      const body = await opened
      for await (const event of parseEventStream(body, { validation: options.validation, signal })) {
        state = reduceRun(state, event)
      }
      settle({ state })
    } catch (error) {
      settle({ error: signal.aborted ? signal.reason : error })
    }
  }

  return {
    [Symbol.asyncIterator](): AsyncIterator<AssistantStreamEvent> {
      if (consumed) {
        throw new TypeError(
          'This RunStream is already being read. Iterate it once, and call done() after the loop for the final state.',
        )
      }
      consumed = true
      return iterate()
    },
    abort(reason?: unknown): void {
      if (!settled) controller.abort(reason)
    },
    done(): Promise<RunState> {
      if (!consumed) {
        consumed = true
        void drive()
      }
      return finished
    },
    signal,
  }
}
