// Node's http server speaks IncomingMessage/ServerResponse; the proxy and the static handler speak Request/Response.
// These two functions translate, streaming both ways: a streamed run reaches the browser event by event.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

/** A Web-standard request handler, as `createProxy` returns. */
export type FetchHandler = (request: Request) => Promise<Response>

/**
 * Builds a `Request` from a node request. The URL is built on a fixed origin: only the path and query matter, and the
 * `Host` header is not trusted. `signal` aborts when the browser goes away, which aborts the upstream request.
 *
 * @param req - the node request
 * @param signal - aborted when the connection closes early
 * @param extraHeaders - headers to add (the session cookie of a first visit)
 * @returns the request
 */
export function toRequest(req: IncomingMessage, signal: AbortSignal, extraHeaders: Headers = new Headers()): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  extraHeaders.forEach((value, name) => {
    headers.set(name, value)
  })
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal }
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  return new Request(new URL(req.url ?? '/', 'http://playground.local'), init)
}

/**
 * Writes a `Response` to a node response without buffering: each chunk is written as it arrives (an SSE stream stays
 * a stream), and a browser that leaves cancels the body.
 *
 * @param res - the node response
 * @param response - what the handler answered
 * @param extraHeaders - headers to add (a `set-cookie` for a first visit)
 * @returns when the body is written or cancelled
 */
export async function sendResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  res.writeHead(response.status, { ...headers, ...extraHeaders })
  res.flushHeaders()
  if (response.body === null) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  res.on('close', () => {
    reader.cancel().catch(() => {})
  })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve)
          res.once('close', resolve)
        })
      }
    }
    res.end()
  } catch {
    // The upstream body failed mid-way (a dropped stream): cut the connection so the browser sees the drop too.
    res.destroy()
  }
}
