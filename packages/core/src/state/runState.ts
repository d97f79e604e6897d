import type { LastError, Usage } from '../schemas/common.ts'
import type { Message } from '../schemas/message.ts'
import type { RequiredAction, Run } from '../schemas/run.ts'
import type { RunStatus } from '../schemas/runStatus.ts'
import type { RunStep } from '../schemas/runStep.ts'
import type { Thread } from '../schemas/thread.ts'

/**
 * The immutable snapshot of one streamed run, built by {@link reduceRun}. Every update replaces the root; untouched
 * members (and every message or step that did not change) keep their identity.
 */
export interface RunState {
  /** The run's wire status, or `'idle'` before the first `thread.run.*` event. */
  readonly status: RunStatus | 'idle'
  /** The thread from `thread.created` (create-thread-and-run streams only). */
  readonly thread: Thread | null
  /** The last run object seen. */
  readonly run: Run | null
  /** Messages by id in creation order; content accumulated from `thread.message.delta`. */
  readonly messages: readonly Message[]
  /** Run steps by id in creation order; tool calls accumulated from `thread.run.step.delta`. */
  readonly steps: readonly RunStep[]
  /** `run.required_action` of the last run event (the tool calls a `requires_action` run waits for). */
  readonly requiredAction: RequiredAction | null
  /** `run.usage` of the last run event (set once the run is terminal). */
  readonly usage: Usage | null
  /** `run.last_error` of the last run event (set when the run failed). */
  readonly lastError: LastError | null
}

/**
 * The state before any event: status `'idle'`, nothing seen.
 *
 * @returns a fresh idle {@link RunState}
 * @example
 * ```ts
 * const state = events.reduce(reduceRun, initialRunState())
 * ```
 */
export function initialRunState(): RunState {
  return {
    status: 'idle',
    thread: null,
    run: null,
    messages: [],
    steps: [],
    requiredAction: null,
    usage: null,
    lastError: null,
  }
}

/**
 * `state` with `run` as its run: the status, the tool calls it waits for, its usage and its error follow the run object.
 * The reducer applies every `thread.run.*` event with it, and a thread store a run read over REST (a poll, a cache hit).
 *
 * @param state - the state to update
 * @param run - the run object (from an event or a REST answer)
 * @returns the new state; messages, steps and the thread keep their identity
 */
export function withRun(state: RunState, run: Run): RunState {
  return {
    ...state,
    status: run.status,
    run,
    requiredAction: run.required_action ?? null,
    usage: run.usage ?? null,
    lastError: run.last_error ?? null,
  }
}
