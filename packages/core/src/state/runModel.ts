import { AssistantsError } from '../errors.ts'
import type { Run } from '../schemas/index.ts'
import { initialRunState, type RunState } from './runState.ts'
import type { ThreadModel } from './threadModel.ts'
import type { ToolLocal } from './toolCalls.ts'

/** Events that only grow content: published at most once per `throttleMs`. Everything else is published at once. */
export const THROTTLED_EVENTS: ReadonlySet<string> = new Set(['thread.message.delta', 'thread.run.step.delta'])

/**
 * Applies a run object fetched over REST (poll, cancel) to a run state.
 *
 * @param state - the run state so far
 * @param run - the run as the server has it now
 * @returns the state with the run's status, required action, usage and last error
 */
export function withRun(state: RunState, run: Run): RunState {
  return {
    ...state,
    status: run.status,
    run,
    requiredAction: run.required_action ?? null,
    usage: run.usage ?? state.usage,
    lastError: run.last_error ?? state.lastError,
  }
}

/**
 * Replaces the model's run state; the store status follows the run's, and only stream deltas are throttled.
 *
 * @param model - the thread model
 * @param next - the new run state
 * @param throttled - whether the change may wait for the next throttle window
 */
export function setRunState(model: ThreadModel, next: RunState, throttled: boolean): void {
  if (next === model.runState) return
  model.runState = next
  const run = next.run
  if (run === null || run.status === model.status) {
    model.changed(throttled)
    return
  }
  model.status = run.status
  // A failed or expired run is an error in the same snapshot that shows its status.
  const failure = run.status === 'failed' || run.status === 'expired' ? runFailure(run) : undefined
  if (failure === undefined) model.changed()
  else model.report(failure)
}

/**
 * The error of a run that ended `failed` or `expired`.
 *
 * @param run - the run
 * @returns an `AssistantsError('run_failed')` with the run's `last_error`
 */
export function runFailure(run: Run): AssistantsError {
  const reason = run.last_error?.message ?? `The run ended ${run.status}.`
  return new AssistantsError('run_failed', `Run ${run.id} ${run.status}: ${reason}`, { body: run.last_error })
}

/**
 * Starts the record of a new run (`null` while it is being created). A run being created is `queued` from the start,
 * so no snapshot shows the new run next to the old status.
 *
 * @param model - the thread model
 * @param run - the run, when it already exists
 */
export function resetRunState(model: ThreadModel, run: Run | null): void {
  model.runState = { ...initialRunState(), run }
  model.toolLocal = new Map()
  model.error = null
  model.status = run?.status ?? 'queued'
  model.changed()
}

/**
 * Records what the store did with one tool call.
 *
 * @param model - the thread model
 * @param id - the tool call id
 * @param local - its local status and output
 */
export function setToolLocal(model: ThreadModel, id: string, local: ToolLocal): void {
  const next = new Map(model.toolLocal)
  next.set(id, local)
  model.toolLocal = next
  model.changed()
}

/**
 * Finished run messages join the committed list as the same objects, so they never re-render; a message the server
 * already gave us (after a resume or a cancel) is newer than the stream's copy and is kept.
 *
 * @param model - the thread model
 */
export function commitRunMessages(model: ThreadModel): void {
  const known = new Set(model.committed.map((message) => message.id))
  model.commit(model.runState.messages.filter((m) => m.status !== 'in_progress' && !known.has(m.id)))
}
