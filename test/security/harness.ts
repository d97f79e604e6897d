// Test-only: the emulator on 127.0.0.1 (port 0) as upstream, the proxy in front of it served by node:http, and the
// helpers every security test uses (sessions, stats diffs, the key search).
import { randomBytes } from 'node:crypto'
import { createEmulator, type Emulator, type EmulatorOptions, type EmulatorStats, listen } from '@skein/emulator'
import { createProxy, type ProxyOptions } from '@skein/proxy'
import { type Served, serveNode } from './nodeAdapter.ts'

/** A fresh key per run, long and random, so finding it anywhere can only mean it leaked. */
export const KEY = `sk-skein-test-${randomBytes(24).toString('hex')}`
export const SECRET = randomBytes(32).toString('hex')
export const ALLOWED_ASSISTANT = 'asst_allowed'
/** Exists upstream, but is not configured in the proxy. */
export const OTHER_ASSISTANT = 'asst_private'

/** Session cookies the test app's `authorize` accepts. */
export const SESSIONS: Readonly<Record<string, string>> = {
  alice: `session=${randomBytes(12).toString('hex')}`,
  bob: `session=${randomBytes(12).toString('hex')}`,
}

/** The app's session check: a `session` cookie maps to a user; anything else is anonymous. */
export function authorizeBySession(request: Request): { userId: string } | null {
  const cookie = request.headers.get('cookie') ?? ''
  for (const [userId, session] of Object.entries(SESSIONS)) {
    if (cookie.split(/;\s*/).includes(session)) return { userId }
  }
  return null
}

/** Everything a test needs: the upstream, the proxy over HTTP, and the stats of the upstream. */
export interface Stack {
  emulator: Emulator
  upstreamURL: string
  proxyURL: string
  /** The proxy's mount point, e.g. `http://127.0.0.1:1234/api/skein`. */
  api: string
  /** Request counts per route template, read over HTTP from `GET /__emulator/stats`. */
  requests(): Promise<Record<string, number>>
  /** The headers upstream last saw per route template. */
  lastHeaders(): Promise<Record<string, Record<string, string>>>
  close(): Promise<void>
}

/**
 * Starts the emulator and the proxy.
 *
 * @param proxyOptions - overrides for `createProxy` (upstream and secret included)
 * @param emulatorOptions - overrides for `createEmulator`
 * @returns the running stack
 */
export async function startStack(
  proxyOptions: Partial<ProxyOptions> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<Stack> {
  const emulator = createEmulator({
    requireAuth: KEY,
    assistants: [
      { id: ALLOWED_ASSISTANT, model: 'gpt-4o', instructions: 'Be brief.' },
      { id: OTHER_ASSISTANT, model: 'gpt-4o', instructions: 'Internal tool.' },
    ],
    ...emulatorOptions,
  })
  const upstream = await listen(emulator, { port: 0, host: '127.0.0.1' })
  const proxy = createProxy({
    upstream: { baseURL: `${upstream.url}/v1`, apiKey: KEY },
    secret: SECRET,
    assistants: [ALLOWED_ASSISTANT],
    basePath: '/api/skein',
    authorize: authorizeBySession,
    ...proxyOptions,
  })
  const served: Served = await serveNode(proxy)
  const stats = async () => (await (await fetch(`${upstream.url}/__emulator/stats`)).json()) as EmulatorStats
  return {
    emulator,
    upstreamURL: upstream.url,
    proxyURL: served.url,
    api: `${served.url}/api/skein`,
    requests: async () => (await stats()).requests,
    lastHeaders: async () => (await stats()).lastRequestHeaders,
    close: async () => {
      await served.close()
      await upstream.close()
    },
  }
}

/**
 * @param before - counts before
 * @param after - counts after
 * @returns the routes whose count grew, with the increase
 */
export function diffRequests(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const diff: Record<string, number> = {}
  for (const [route, count] of Object.entries(after)) {
    const grown = count - (before[route] ?? 0)
    if (grown > 0) diff[route] = grown
  }
  return diff
}

/**
 * Calls the proxy as a signed-in user (or anonymously with `null`).
 *
 * @param stack - the running stack
 * @param user - a key of {@link SESSIONS}, or null
 * @param method - HTTP method
 * @param path - path below the mount point, e.g. `/threads`
 * @param init - body and extra headers; a string body gets `content-type: application/json` unless given
 * @returns the response
 */
export function call(
  stack: Stack,
  user: string | null,
  method: string,
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(init.headers)
  if (user !== null) headers.set('cookie', SESSIONS[user] ?? 'session=unknown')
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
  const requestInit: RequestInit & { duplex?: 'half' } = { method, headers }
  if (init.body !== undefined) requestInit.body = init.body
  if (init.body instanceof ReadableStream) requestInit.duplex = 'half'
  return fetch(`${stack.api}${path}`, requestInit)
}

/**
 * Reads a whole response (also an event stream) as text.
 *
 * @param response - the response
 * @returns the header lines and the body, for searching
 */
export async function dump(response: Response): Promise<{ headers: string; body: string }> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')
  return { headers, body: await response.text() }
}
