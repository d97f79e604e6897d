import { anySignal } from '../anySignal.ts'
import type { AssistantStreamEvent } from '../schemas/event.ts'
import { checkValidation, type Validation } from '../schemas/validation.ts'
import { reduceRun } from '../state/reduceRun.ts'
import { initialRunState, type RunState } from '../state/runState.ts'
import { ignore, readEvents } from './readEvents.ts'

/** A streamed run: iterate it for events, or await {@link RunStream.done} for the final {@link RunState}. */
export interface RunStream extends AsyncIterable<AssistantStreamEvent> {
  /** Aborts the request; iteration and {@link RunStream.done} end with `reason` (default: an `AbortError`). */
  abort(reason?: unknown): void
  /** The final state. If nobody iterates, this drives the iteration itself; after an abort it rejects with the reason. */
  done(): Promise<RunState>
  /**
   * The state so far: every event the loop has received is folded in (a consumer that shows the run as it streams
   * reads this instead of reducing the events a second time).
   */
  state(): RunState
  /** Aborted when the stream is aborted: `abort()`, leaving the loop early, or the caller's `signal`. */
  readonly signal: AbortSignal
}

/** Options of {@link createRunStream}. */
export interface CreateRunStreamOptions {
  /**
   * `'lenient'`, `'off'`, or `strict` from `@skein/core/strict` (see {@link Validation}).
   * @defaultValue `'lenient'`
   */
  validation?: Validation | undefined
  /** The caller's signal; combined with the stream's own. */
  signal?: AbortSignal | undefined
  /** The state to reduce onto (e.g. a submit-tool-outputs stream continuing a run). @defaultValue `initialRunState()` */
  initialState?: RunState | undefined
}

/**
 * Opens a run stream. `open` performs the request with the given signal and resolves to the response body (or
 * rejects with an AssistantsError); it is called at once, like `fetch`, and a failure nobody awaits is not reported
 * as an unhandled rejection. Each event is folded with {@link reduceRun}; `done()` resolves to the last state.
 *
 * @param open - starts the request; must honour `signal`
 * @param options - validation, caller signal, initial state
 * @returns the {@link RunStream}; iterate it at most once
 * @throws TypeError when `validation` is unknown (or the string `'strict'`)
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
  const validation = checkValidation(options.validation, 'createRunStream')
  const controller = new AbortController()
  const signal = options.signal ? anySignal([options.signal, controller.signal]) : controller.signal
  let state = options.initialState ?? initialRunState()
  let consumed = false
  let settled = false
  let settle: (ok: boolean | undefined, error?: unknown) => void = ignore
  const finished = new Promise<RunState>((resolve, reject) => {
    settle = (ok, error) => {
      if (settled) return
      settled = true
      if (ok) resolve(state)
      else reject(error)
    }
  })
  finished.catch(ignore)
  // An abort rejects done() at once, even while the loop is paused (an already aborted signal fails the first read).
  signal.addEventListener('abort', () => settle(false, signal.reason))

  // Called in an async function, so that `open` throwing at once rejects too. Nobody may ever read it: not unhandled.
  const opened = (async () => open(signal))()
  opened.catch(ignore)

  // The events are read and reduced by one iterator, whether the caller iterates or only awaits done(); it cancels the
  // body when the stream is aborted, even before anybody reads.
  const events = readEvents(
    opened,
    validation,
    signal,
    (event) => {
      state = reduceRun(state, event)
    },
    (error, ok) => {
      // Left early (`break`, `return`): the request is no longer wanted, and done() rejects with this AbortError (after
      // an abort, the iteration has already been settled and this changes nothing).
      if (ok || error !== undefined) settle(ok, error)
      else controller.abort(new DOMException('The stream was closed before the run finished.', 'AbortError'))
    },
  )

  return {
    [Symbol.asyncIterator](): AsyncIterator<AssistantStreamEvent> {
      if (consumed) {
        throw new TypeError(
          'This RunStream is already being read: iterate it once, and call done() after the loop for the final state.',
        )
      }
      consumed = true
      return events
    },
    abort(reason?: unknown): void {
      if (!settled) controller.abort(reason)
    },
    done(): Promise<RunState> {
      if (!consumed) {
        consumed = true
        // Read to the end; every outcome reaches `finished` through onEnd.
        ;(async () => {
          while (!(await events.next()).done);
        })().catch(ignore)
      }
      return finished
    },
    state: () => state,
    signal,
  }
}
