import type { Run } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import type { RequestOptions, StreamOptions } from './options.ts'
import type { PageIterable } from './pagination.ts'
import type { IncludeQuery, ListQuery, RunCreateParams, SubmitToolOutputsParams } from './params.ts'

/** Options of `runs.poll`. */
export interface PollOptions extends RequestOptions {
  /**
   * Wait between two reads (ms) when the server sends no `openai-poll-after-ms` header.
   * @defaultValue `1000`
   */
  intervalMs?: number | undefined
}

/** `client.runs`: the `/threads/{thread_id}/runs` routes. Creating and submitting are never retried. */
export interface RunsResource {
  /** `POST …/runs`: answered as soon as the run is queued. */
  create(threadId: string, body: RunCreateParams, query?: IncludeQuery, options?: RequestOptions): Promise<Run>
  /** `POST …/runs` with `stream: true`: the run's events until `done`. */
  stream(threadId: string, body: RunCreateParams, query?: IncludeQuery, options?: StreamOptions): RunStream
  /** `GET …/runs/{run_id}`. */
  retrieve(threadId: string, runId: string, options?: RequestOptions): Promise<Run>
  /** `GET …/runs`: every run of a thread, page by page. */
  list(threadId: string, query?: ListQuery, options?: RequestOptions): PageIterable<Run>
  /** `POST …/runs/{run_id}/cancel`: the run moves to `cancelling`, then `cancelled`. */
  cancel(threadId: string, runId: string, options?: RequestOptions): Promise<Run>
  /** Reads the run until it is terminal or `requires_action`, waiting as `openai-poll-after-ms` asks. */
  poll(threadId: string, runId: string, options?: PollOptions): Promise<Run>
  /** `POST …/runs/{run_id}/submit_tool_outputs`. */
  submitToolOutputs(
    threadId: string,
    runId: string,
    body: SubmitToolOutputsParams,
    options?: RequestOptions,
  ): Promise<Run>
  /** `POST …/runs/{run_id}/submit_tool_outputs` with `stream: true`: the same run continues as events. */
  submitToolOutputsStream(
    threadId: string,
    runId: string,
    body: SubmitToolOutputsParams,
    options?: StreamOptions,
  ): RunStream
}
