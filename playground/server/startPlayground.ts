// The playground server: one node:http server for the pages and the proxy (same origin, so the session cookie just
// works), plus the embedded emulator on its own port. `pnpm playground` runs it in development mode (Vite with HMR);
// the e2e tests run it in production mode (the `vite build` output) on free ports.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type Listening, listen } from '@skein/emulator'
import { createProxy, type ProxyHandler } from '@skein/proxy'
import type { ViteDevServer } from 'vite'
import type { PlaygroundConfig } from '../src/shared/config.ts'
import { PLAYGROUND_TOOLS } from '../src/shared/tools.ts'
import { type Backend, backendFromEnv, type PlaygroundEnv } from './backendFromEnv.ts'
import { type FetchHandler, sendResponse, toRequest } from './nodeAdapter.ts'
import { createPlaygroundEmulator, EMULATOR_ASSISTANT_ID, EMULATOR_DEV_KEY } from './playgroundEmulator.ts'
import { newSession, readSession } from './session.ts'
import { createStaticHandler } from './staticFiles.ts'

/** Where the browser reaches the proxy. */
export const PROXY_PATH = '/api/skein'

/** Options of {@link startPlayground}. */
export interface PlaygroundOptions {
  /** `development`: pages from `vite` (HMR); `production`: the built files in `distDir`. */
  mode: 'development' | 'production'
  /** The Vite dev server (middleware mode), for development. */
  vite?: ViteDevServer
  /**
   * A node http server to serve on (not yet listening). start.mjs creates it before Vite, so Vite's HMR websocket
   * shares the page's port instead of taking a fixed one of its own. @defaultValue a new server
   */
  server?: Server
  /** The `vite build` output, for production. */
  distDir?: string
  /** @defaultValue '127.0.0.1' */
  host?: string
  /** Port of the pages and the proxy; 0 picks a free one. @defaultValue 5173 */
  port?: number
  /** Port of the embedded emulator; 0 picks a free one. @defaultValue 8787 */
  emulatorPort?: number
  /** Emulator delay per streamed token. @defaultValue 12 */
  tokenDelayMs?: number
  /** Environment variables choosing a real upstream (none: the emulator). @defaultValue {} */
  env?: PlaygroundEnv
  /** Secret for the proxy's owner stamps; random per start unless given (or `SKEIN_PROXY_SECRET`). */
  secret?: string
}

/** A running playground. */
export interface RunningPlayground {
  /** The pages' origin, e.g. `http://127.0.0.1:5173`. */
  url: string
  /** The emulator's own URL (its `/__emulator/*` routes live there), or null with a real upstream. */
  emulatorURL: string | null
  backend: Backend['kind']
  close(): Promise<void>
}

function randomSecret(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
}

function listenHttp(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

/**
 * Starts the emulator (unless a real upstream is configured), the proxy and the pages.
 *
 * @param options - mode, ports and environment
 * @returns the URLs and `close()`
 * @example
 * ```ts
 * const playground = await startPlayground({ mode: 'production', distDir, port: 0, emulatorPort: 0 })
 * console.log(`${playground.url}/react`)
 * await playground.close()
 * ```
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const env = options.env ?? {}
  const host = options.host ?? '127.0.0.1'
  const backend = backendFromEnv(env)
  let emulator: Listening | null = null
  if (backend.kind === 'emulator') {
    const handler = createPlaygroundEmulator(options.tokenDelayMs ?? 12)
    emulator = await listen(handler, { port: options.emulatorPort ?? 8787, host })
  }
  const config: PlaygroundConfig =
    backend.kind === 'emulator'
      ? { assistantId: EMULATOR_ASSISTANT_ID, backend: 'emulator', runOptions: {} }
      : {
          assistantId: backend.assistantId,
          backend: backend.kind,
          runOptions: backend.toolsOverride ? { tools: PLAYGROUND_TOOLS } : {},
        }
  const proxy: ProxyHandler = createProxy({
    upstream:
      backend.kind === 'emulator' ? { baseURL: `${emulator?.url}/v1`, apiKey: EMULATOR_DEV_KEY } : backend.upstream,
    secret: options.secret ?? env['SKEIN_PROXY_SECRET'] ?? randomSecret(),
    assistants: [config.assistantId],
    basePath: PROXY_PATH,
    authorize: (request) => {
      const userId = readSession(request.headers.get('cookie'))
      return userId === null ? null : { userId }
    },
    allowOverrides: backend.kind !== 'emulator' && backend.toolsOverride ? ['tools'] : [],
    onError: (error) => console.error('[playground proxy]', error),
  })
  const pages: FetchHandler | null =
    options.mode === 'production' ? createStaticHandler(requireDist(options.distDir)) : null
  if (options.mode === 'development' && options.vite === undefined) {
    throw new TypeError('startPlayground: development mode needs the Vite dev server (options.vite).')
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
    // A first visit gets a user id; the request being served already carries it, so the proxy sees it too.
    const session = readSession(req.headers.cookie ?? null) === null ? newSession() : null
    const extra: Record<string, string> = session ? { 'set-cookie': session.setCookie } : {}
    const sessionHeaders = new Headers(session ? { cookie: session.cookie } : {})
    if (path === PROXY_PATH || path.startsWith(`${PROXY_PATH}/`)) {
      const aborted = new AbortController()
      res.on('close', () => {
        if (!res.writableFinished) aborted.abort()
      })
      await sendResponse(res, await proxy(toRequest(req, aborted.signal, sessionHeaders)), extra)
      return
    }
    if (path === '/__playground/config') {
      const json = new Response(JSON.stringify(config), {
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      })
      await sendResponse(res, json, extra)
      return
    }
    for (const [name, value] of Object.entries(extra)) res.setHeader(name, value)
    if (pages !== null) {
      await sendResponse(res, await pages(toRequest(req, new AbortController().signal)))
      return
    }
    // Vite serves `/react/` from react/index.html; make the short form work too.
    if (path === '/react' || path === '/vue') req.url = `${path}/`
    options.vite?.middlewares(req, res)
  }

  const server = options.server ?? createServer()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[playground]', error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('Internal error')
    })
  })
  const port = await listenHttp(server, options.port ?? 5173, host)
  return {
    url: `http://${host}:${port}`,
    emulatorURL: emulator?.url ?? null,
    backend: backend.kind,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await emulator?.close()
    },
  }
}

function requireDist(distDir: string | undefined): string {
  if (distDir === undefined) throw new TypeError('startPlayground: production mode needs distDir (the vite build).')
  return distDir
}
