/// <reference types="node" />
// The Node adapter: the only module (with cli.ts) that may touch `node:*`. `node:http` is imported inside `listen`, so
// importing `@skein/emulator` stays safe in workerd, Deno and Bun.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Anything with a Web-standard fetch handler: the emulator, or e.g. a `createProxy()` wrapped as `{ fetch }`. */
export interface FetchHandler {
  fetch(request: Request): Promise<Response>
}

/** Where to listen. */
export interface ListenOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number
  /** Interface to bind. @defaultValue '127.0.0.1' */
  host?: string
}

/** A listening server. */
export interface Listening {
  /** The base URL, e.g. `http://127.0.0.1:8787` (append `/v1` for OpenAI-style clients if you like). */
  url: string
  /** Stops listening and cuts open connections (open streams end). */
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined
  const chunks: Uint8Array[] = []
  for await (const chunk of req) chunks.push(chunk as Uint8Array)
  return new Uint8Array(Buffer.concat(chunks))
}

async function serve(handler: FetchHandler, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const disconnect = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) disconnect.abort(new Error('The client disconnected.'))
  })
  req.socket.setNoDelay(true)
  try {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item)
      else if (value !== undefined) headers.set(name, value)
    }
    const body = await readBody(req)
    const request = new Request(new URL(req.url ?? '/', base), {
      method: req.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      signal: disconnect.signal,
    })
    const response = await handler.fetch(request)
    const outgoing: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      outgoing[name] = value
    })
    res.writeHead(response.status, outgoing)
    // Send the headers now: a stream's first event may be a while away.
    res.flushHeaders()
    if (!response.body) {
      res.end()
      return
    }
    const reader = response.body.getReader()
    disconnect.signal.addEventListener('abort', () => {
      // A client disconnect cancels the body; for a run stream that only unsubscribes, the run goes on.
      reader.cancel(disconnect.signal.reason).catch(() => {})
    })
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      // One write per chunk, so every event is flushed as it comes; wait when the socket is full.
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          // Whichever comes first removes the other, so a long stream does not pile up 'close' listeners.
          const done = () => {
            res.off('drain', done)
            res.off('close', done)
            resolve()
          }
          res.once('drain', done)
          res.once('close', done)
        })
      }
    }
    if (!res.destroyed) res.end()
  } catch (error) {
    // The body failed (an emulated drop) or the handler threw: cut the connection, as a dying server would.
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: null } }))
    } else {
      // Let what was written reach the client first (destroying at once can discard it), then close without the
      // final chunk: the client sees every byte sent so far, then a body that ends abruptly.
      await new Promise<void>((resolve) => {
        if (res.destroyed) resolve()
        else res.write('', () => resolve())
      })
      res.destroy()
    }
  }
}

/**
 * Serves a fetch handler over HTTP with `node:http`: streams are flushed chunk by chunk (no buffering), a client
 * disconnect cancels the response body, and a failing body cuts the connection.
 *
 * @param handler - the emulator (or any `{ fetch }`)
 * @param options - port (0 = a free one) and host
 * @returns the URL and `close()`
 *
 * @example
 * ```ts
 * const server = await listen(createEmulator(), { port: 0, host: '127.0.0.1' })
 * const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test' })
 * await server.close()
 * ```
 */
export async function listen(handler: FetchHandler, options: ListenOptions = {}): Promise<Listening> {
  const { createServer } = await import('node:http')
  const host = options.host ?? '127.0.0.1'
  let base = ''
  const server = createServer((req, res) => {
    void serve(handler, base, req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0)
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
