import { AssistantsError } from '../errors.ts'
import { isTerminalRunStatus, type Run, RunSchema } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import { openRunStream } from './openRunStream.ts'
import type { RequestOptions } from './options.ts'
import { createPageIterable, type PageIterable } from './pagination.ts'
import type { IncludeQuery, ListQuery, RunCreateParams, SubmitToolOutputsParams } from './params.ts'
import { pathId, refuseStream, requireBody } from './pathId.ts'
import type { Transport } from './request.ts'

const DEFAULT_POLL_INTERVAL_MS = 1_000

/** Options of `runs.poll`. */
export interface PollOptions extends RequestOptions {
  /**
   * Wait between two reads when the server sends no `openai-poll-after-ms` header.
   * @defaultValue `1000`
   */
  intervalMs?: number | undefined
}

/** `client.runs`: the `/threads/{thread_id}/runs` routes. Creating and submitting are never retried. */
export interface RunsResource {
  /** `POST …/runs`: answered as soon as the run is queued. */
  create(threadId: string, body: RunCreateParams, query?: IncludeQuery, options?: RequestOptions): Promise<Run>
  /** `POST …/runs` with `stream: true`: the run's events until `done`. */
  stream(threadId: string, body: RunCreateParams, query?: IncludeQuery, options?: RequestOptions): RunStream
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
    options?: RequestOptions,
  ): RunStream
}

const RUN_EXAMPLE = "{ assistant_id: 'asst_…' }"
const OUTPUTS_EXAMPLE = "{ tool_outputs: [{ tool_call_id: 'call_…', output: '…' }] }"

/**
 * Creates `client.runs`.
 *
 * @param transport - the client's transport
 * @returns the runs resource
 */
export function createRunsResource(transport: Transport): RunsResource {
  const listPath = (threadId: string): string => `/threads/${pathId('threadId', threadId)}/runs`
  const runPath = (threadId: string, runId: string): string => `${listPath(threadId)}/${pathId('runId', runId)}`

  async function retrieve(threadId: string, runId: string, options?: RequestOptions) {
    return transport.request<Run>('GET', runPath(threadId, runId), { schema: RunSchema, options })
  }

  return {
    async create(threadId, body, query, options) {
      const path = listPath(threadId)
      requireBody('runs.create', body, RUN_EXAMPLE)
      refuseStream('runs.create', body, 'runs.stream')
      return (await transport.request<Run>('POST', path, { body, query, schema: RunSchema, options })).data
    },
    stream(threadId, body, query, options) {
      const path = listPath(threadId)
      requireBody('runs.stream', body, RUN_EXAMPLE)
      return openRunStream(transport, path, body, query, options)
    },
    async retrieve(threadId, runId, options) {
      return (await retrieve(threadId, runId, options)).data
    },
    list(threadId, query = {}, options) {
      return createPageIterable<Run>(transport, listPath(threadId), query, RunSchema, options)
    },
    async cancel(threadId, runId, options) {
      const path = `${runPath(threadId, runId)}/cancel`
      return (await transport.request<Run>('POST', path, { schema: RunSchema, options })).data
    },
    async poll(threadId, runId, options = {}) {
      const { intervalMs = DEFAULT_POLL_INTERVAL_MS, ...request } = options
      for (;;) {
        const { data: run, response } = await retrieve(threadId, runId, request)
        if (typeof run.status !== 'string') {
          const path = runPath(threadId, runId)
          throw new AssistantsError('invalid_event', `[GET] ${path}: the run has no status`, { body: run, path })
        }
        if (isTerminalRunStatus(run.status) || run.status === 'requires_action') return run
        const hint = response.headers.get('openai-poll-after-ms')?.trim() ?? ''
        await transport.sleep(/^\d+$/.test(hint) ? Number(hint) : intervalMs, request.signal)
      }
    },
    async submitToolOutputs(threadId, runId, body, options) {
      const path = `${runPath(threadId, runId)}/submit_tool_outputs`
      requireBody('runs.submitToolOutputs', body, OUTPUTS_EXAMPLE)
      refuseStream('runs.submitToolOutputs', body, 'runs.submitToolOutputsStream')
      return (await transport.request<Run>('POST', path, { body, schema: RunSchema, options })).data
    },
    submitToolOutputsStream(threadId, runId, body, options) {
      const path = `${runPath(threadId, runId)}/submit_tool_outputs`
      requireBody('runs.submitToolOutputsStream', body, OUTPUTS_EXAMPLE)
      return openRunStream(transport, path, body, undefined, options)
    },
  }
}
