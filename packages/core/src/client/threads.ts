import { type Deleted, DeletedSchema, type Run, RunSchema, type Thread, ThreadSchema } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import { openRunStream } from './openRunStream.ts'
import type { RequestOptions } from './options.ts'
import type { ThreadCreateAndRunParams, ThreadCreateParams, ThreadUpdateParams } from './params.ts'
import { pathId, refuseStream, requireBody } from './pathId.ts'
import type { Transport } from './request.ts'

/** `client.threads`: the `/threads` routes. */
export interface ThreadsResource {
  /** `POST /threads`, optionally with first messages. */
  create(body?: ThreadCreateParams, options?: RequestOptions): Promise<Thread>
  /** `GET /threads/{thread_id}`. */
  retrieve(threadId: string, options?: RequestOptions): Promise<Thread>
  /** `POST /threads/{thread_id}` (metadata, tool resources). */
  update(threadId: string, body: ThreadUpdateParams, options?: RequestOptions): Promise<Thread>
  /** `DELETE /threads/{thread_id}`. */
  delete(threadId: string, options?: RequestOptions): Promise<Deleted>
  /** `POST /threads/runs`: a new thread and its first run, answered when the run is created. */
  createAndRun(body: ThreadCreateAndRunParams, options?: RequestOptions): Promise<Run>
  /** `POST /threads/runs` with `stream: true`: the run's events, from `thread.created` to `done`. */
  createAndRunStream(body: ThreadCreateAndRunParams, options?: RequestOptions): RunStream
}

const RUN_EXAMPLE = "{ assistant_id: 'asst_…' }"

/**
 * Creates `client.threads`.
 *
 * @param transport - the client's transport
 * @returns the threads resource
 */
export function createThreadsResource(transport: Transport): ThreadsResource {
  const threadPath = (threadId: string): string => `/threads/${pathId('threadId', threadId)}`
  return {
    async create(body = {}, options) {
      requireBody('threads.create', body, '{ messages: [...] } or nothing')
      return (await transport.request<Thread>('POST', '/threads', { body, schema: ThreadSchema, options })).data
    },
    async retrieve(threadId, options) {
      return (await transport.request<Thread>('GET', threadPath(threadId), { schema: ThreadSchema, options })).data
    },
    async update(threadId, body, options) {
      const path = threadPath(threadId)
      requireBody('threads.update', body, "{ metadata: { topic: 'billing' } }")
      return (await transport.request<Thread>('POST', path, { body, schema: ThreadSchema, options })).data
    },
    async delete(threadId, options) {
      return (await transport.request<Deleted>('DELETE', threadPath(threadId), { schema: DeletedSchema, options })).data
    },
    async createAndRun(body, options) {
      requireBody('threads.createAndRun', body, RUN_EXAMPLE)
      refuseStream('threads.createAndRun', body, 'threads.createAndRunStream')
      return (await transport.request<Run>('POST', '/threads/runs', { body, schema: RunSchema, options })).data
    },
    createAndRunStream(body, options) {
      requireBody('threads.createAndRunStream', body, RUN_EXAMPLE)
      return openRunStream(transport, '/threads/runs', body, undefined, options)
    },
  }
}
