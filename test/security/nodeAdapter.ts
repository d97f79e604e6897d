// Test-only: serve a Web-standard handler from node:http (the same few lines the proxy README shows), and speak raw
// HTTP/1.1 to it for requests `fetch` refuses to send (unnormalised paths, CR/LF in headers, hand-framed bodies).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** A listening server and how to stop it. */
export interface Served {
  url: string
  close(): Promise<void>
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  // A fixed origin: only the path and query matter, and the Host header is not trusted.
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, signal }
  if (hasBody) {
    init.body = bodyOf(req)
    init.duplex = 'half'
  }
  return new Request(new URL(req.url ?? '/', 'http://localhost'), init)
}

/** Most bytes read and thrown away after the handler stopped reading a body, before the connection is cut. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024

function discard(req: IncomingMessage): void {
  let drained = 0
  req.on('data', (chunk: Buffer) => {
    drained += chunk.byteLength
    if (drained > MAX_DRAIN_BYTES) req.destroy()
  })
  req.resume()
}

/**
 * The request body as a pull-based web stream. Unlike `Readable.toWeb`, cancelling it (the proxy refusing an oversized
 * body) drains the rest instead of destroying the socket, so a client that is still uploading gets the 413 rather than
 * a connection reset; past {@link MAX_DRAIN_BYTES} the connection is cut after all.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cancelled) return
          controller.enqueue(new Uint8Array(chunk))
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        })
        req.on('end', () => {
          if (!cancelled) controller.close()
        })
        req.on('error', (error) => {
          if (!cancelled) controller.error(error)
        })
        req.pause()
      },
      pull() {
        req.resume()
      },
      cancel() {
        cancelled = true
        discard(req)
      },
    },
    { highWaterMark: 1 },
  )
}

async function respond(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  // Answered before the body was in (413, 401, ...): this connection must not carry another request.
  if (!req.complete) res.setHeader('connection', 'close')
  res.writeHead(response.status, Object.fromEntries(response.headers))
  if (!response.body) {
    res.end()
    return
  }
  // pipeline writes each chunk as it arrives (no buffering) and destroys both sides on error or disconnect.
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res).catch(
    () => undefined,
  )
}

/**
 * Serves `handler` on 127.0.0.1 at a random free port.
 *
 * @param handler - a Web-standard handler such as the proxy
 * @returns its URL and a close function
 */
export async function serveNode(handler: (request: Request) => Promise<Response>): Promise<Served> {
  const server = createServer((req, res) => {
    const controller = new AbortController()
    res.on('close', () => controller.abort())
    // A body the handler never read (a 413 on Content-Length, a 401) is read and dropped, so the keep-alive
    // connection stays usable and an uploading client gets the answer instead of a reset.
    res.on('finish', () => {
      if (!req.complete) discard(req)
    })
    let request: Request
    try {
      request = toRequest(req, controller.signal)
    } catch {
      res.writeHead(400).end()
      return
    }
    handler(request).then(
      (response) => respond(req, res, response),
      () => res.writeHead(500).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A raw response: status line parsed, the rest kept as text. */
export interface RawResponse {
  status: number
  head: string
  body: string
}

/**
 * Sends bytes exactly as given over TCP and reads until the server closes (send `Connection: close`).
 *
 * @param url - the server's base URL
 * @param chunks - request bytes; written one after another
 * @returns the parsed status and the raw head and body
 */
export function rawRequest(url: string, chunks: readonly (string | Uint8Array)[]): Promise<RawResponse> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    const received: Buffer[] = []
    socket.on('data', (data) => received.push(data))
    // The server may answer (413) and close before it read everything we wrote: keep what it answered.
    socket.on('error', (error) => {
      if (received.length === 0) reject(error)
    })
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      const head = split === -1 ? text : text.slice(0, split)
      const rest = split === -1 ? '' : text.slice(split + 4)
      const body = /^transfer-encoding: chunked$/im.test(head) ? dechunk(rest) : rest
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body })
    })
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk)
    })
  })
}

/** Decodes an HTTP/1.1 chunked body (sizes are byte counts; the test bodies are ASCII). */
function dechunk(text: string): string {
  let out = ''
  let rest = text
  for (;;) {
    const line = rest.indexOf('\r\n')
    const size = Number.parseInt(rest.slice(0, line), 16)
    if (line === -1 || !(size > 0)) return out
    out += rest.slice(line + 2, line + 2 + size)
    rest = rest.slice(line + 2 + size + 2)
  }
}
