import type { Run, RunStatus } from '@skein/core'

/**
 * A run object in the shape the recordings have, for unit tests that need a `thread.run.*` payload.
 *
 * @param status - the run status
 * @param extra - fields to add or replace
 * @returns the run
 */
export function wireRun(status: RunStatus, extra: Partial<Run> = {}): Run {
  return {
    id: 'run_1',
    object: 'thread.run',
    created_at: 1,
    thread_id: 'thread_1',
    assistant_id: 'asst_1',
    status,
    required_action: null,
    last_error: null,
    expires_at: null,
    started_at: 1,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [],
    metadata: {},
    usage: null,
    ...extra,
  } as Run
}
