import type { Deleted, Run, Thread } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import type { RequestOptions, StreamOptions } from './options.ts'
import type { ThreadCreateAndRunParams, ThreadCreateParams, ThreadUpdateParams } from './params.ts'

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
  createAndRunStream(body: ThreadCreateAndRunParams, options?: StreamOptions): RunStream
}
