import type { RunStep } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import type { PageIterable } from './pagination.ts'
import type { IncludeQuery, RunStepListQuery } from './params.ts'

/** `client.steps`: the `/threads/{thread_id}/runs/{run_id}/steps` routes. */
export interface StepsResource {
  /** `GET …/steps`: every step of a run, page by page; `include` adds e.g. file-search result contents. */
  list(threadId: string, runId: string, query?: RunStepListQuery, options?: RequestOptions): PageIterable<RunStep>
  /** `GET …/steps/{step_id}`. */
  retrieve(
    threadId: string,
    runId: string,
    stepId: string,
    query?: IncludeQuery,
    options?: RequestOptions,
  ): Promise<RunStep>
}
