/** The nine statuses a run has on the wire. */
export type RunStatus =
  | 'queued'
  | 'in_progress'
  | 'requires_action'
  | 'cancelling'
  | 'cancelled'
  | 'failed'
  | 'completed'
  | 'incomplete'
  | 'expired'

/**
 * Every {@link RunStatus}, in lifecycle order: the four active statuses, then the five terminal ones (the two
 * predicates below rely on this order).
 */
export const RUN_STATUSES: readonly RunStatus[] =
  /* @__PURE__ */ 'queued in_progress requires_action cancelling cancelled failed completed incomplete expired'.split(
    ' ',
  ) as RunStatus[]

/** A run status after which the run never changes again. */
export type TerminalRunStatus = 'completed' | 'incomplete' | 'failed' | 'cancelled' | 'expired'

/** A run status during which the thread is locked ("already has an active run"). */
export type ActiveRunStatus = 'queued' | 'in_progress' | 'requires_action' | 'cancelling'

/**
 * Whether a run in `status` is finished for good.
 *
 * @param status - a run status (or any string, e.g. a store status such as `'idle'`)
 * @returns true for `completed`, `incomplete`, `failed`, `cancelled` and `expired`
 * @example
 * ```ts
 * if (isTerminalRunStatus(run.status)) showResult(run)
 * ```
 */
export function isTerminalRunStatus(status: string): status is TerminalRunStatus {
  return RUN_STATUSES.indexOf(status as RunStatus) > 3
}

/**
 * Whether a run in `status` still holds its thread (the server refuses new messages and runs meanwhile).
 * `requires_action` counts as active: the run waits for tool outputs.
 *
 * @param status - a run status (or any string)
 * @returns true for `queued`, `in_progress`, `requires_action` and `cancelling`
 */
export function isActiveRunStatus(status: string): status is ActiveRunStatus {
  const at = RUN_STATUSES.indexOf(status as RunStatus)
  return at >= 0 && at < 4
}
