import { type RunStep, RunStepSchema } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import { createPageIterable, type PageIterable } from './pagination.ts'
import type { IncludeQuery, RunStepListQuery } from './params.ts'
import { pathId } from './pathId.ts'
import type { Transport } from './request.ts'

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

/**
 * Creates `client.steps`.
 *
 * @param transport - the client's transport
 * @returns the steps resource
 */
export function createStepsResource(transport: Transport): StepsResource {
  const listPath = (threadId: string, runId: string): string =>
    `/threads/${pathId('threadId', threadId)}/runs/${pathId('runId', runId)}/steps`
  return {
    list(threadId, runId, query = {}, options) {
      return createPageIterable<RunStep>(transport, listPath(threadId, runId), query, RunStepSchema, options)
    },
    async retrieve(threadId, runId, stepId, query, options) {
      const path = `${listPath(threadId, runId)}/${pathId('stepId', stepId)}`
      return (await transport.request<RunStep>('GET', path, { query, schema: RunStepSchema, options })).data
    },
  }
}
