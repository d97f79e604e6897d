import { createRunStream, type RunStream } from '../stream/createRunStream.ts'
import type { RequestOptions } from './options.ts'
import type { Transport } from './request.ts'

/**
 * Starts a streamed run request: the body gets `stream: true`, and the returned {@link RunStream} opens the request
 * when first iterated (or awaited), so that `break`, `abort()` and the caller's signal all abort it.
 *
 * @param transport - the client's transport
 * @param path - `/threads/runs`, `/threads/{id}/runs` or `/threads/{id}/runs/{id}/submit_tool_outputs`
 * @param body - the request body (already checked to be an object)
 * @param query - e.g. `include[]`
 * @param options - request options; `signal` also aborts the stream
 * @returns the run stream (synchronously)
 */
export function openRunStream(
  transport: Transport,
  path: string,
  body: object,
  query: object | undefined,
  options: RequestOptions | undefined,
): RunStream {
  const request = { body: { ...body, stream: true }, query, options }
  return createRunStream((signal) => transport.stream(path, { ...request, signal }), {
    validation: transport.validation,
    ...(options?.signal === undefined ? {} : { signal: options.signal }),
  })
}
