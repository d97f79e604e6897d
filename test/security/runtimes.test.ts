// The same proxy in two real runtimes, streaming a run from the emulator: as a Cloudflare Worker in workerd (miniflare,
// the proxy bundled by esbuild) and in Node behind node:http. A run takes about a second (20 deltas, 50 ms apart);
// the first `thread.message.delta` must reach the client long before `thread.run.completed`, i.e. nothing buffers.
import { fileURLToPath } from 'node:url'
import { createProxy } from '@skein/proxy'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ALLOWED_ASSISTANT,
  authorizeBySession,
  dump,
  KEY,
  SECRET,
  SESSIONS,
  type Stack,
  startStack,
} from './harness.ts'
import { type Served, serveNode } from './nodeAdapter.ts'

const DELTAS = 20
const TOKEN_DELAY_MS = 50

let stack: Stack

beforeAll(async () => {
  stack = await startStack({}, { tokenDelayMs: TOKEN_DELAY_MS })
})

afterAll(async () => {
  await stack?.close()
})

interface Timeline {
  firstDeltaMs: number
  completedMs: number
  chunks: number
  text: string
}

/**
 * Creates a thread and a message through the proxy at `api`, then streams a run and notes when each event arrived.
 *
 * @param api - the proxy's mount point
 * @param init - extra fetch options for the run request (e.g. a signal)
 */
async function streamRun(api: string): Promise<Timeline> {
  const headers = { cookie: SESSIONS.alice as string, 'content-type': 'application/json' }
  const thread = await (await fetch(`${api}/threads`, { method: 'POST', headers, body: '{}' })).json()
  const message = await fetch(`${api}/threads/${thread.id}/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ role: 'user', content: `[deltas:${DELTAS}] stream this` }),
  })
  expect(message.status).toBe(200)
  const started = performance.now()
  const response = await fetch(`${api}/threads/${thread.id}/runs`, {
    method: 'POST',
    headers: { ...headers, accept: 'text/event-stream' },
    body: JSON.stringify({ assistant_id: ALLOWED_ASSISTANT, stream: true }),
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  expect(response.headers.get('cache-control')).toBe('no-store')
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  let chunks = 0
  let firstDeltaMs = Number.NaN
  let completedMs = Number.NaN
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks += 1
    text += decoder.decode(value, { stream: true })
    const now = performance.now() - started
    if (Number.isNaN(firstDeltaMs) && text.includes('event: thread.message.delta')) firstDeltaMs = now
    if (Number.isNaN(completedMs) && text.includes('event: thread.run.completed')) completedMs = now
  }
  return { firstDeltaMs, completedMs, chunks, text }
}

function expectUnbuffered(timeline: Timeline): void {
  expect(timeline.text).toContain('event: done')
  expect(timeline.text.match(/event: thread\.message\.delta/g)).toHaveLength(DELTAS)
  // The run takes about DELTAS * TOKEN_DELAY_MS; a buffering proxy would deliver both at the same moment.
  expect(timeline.completedMs).toBeGreaterThan((DELTAS * TOKEN_DELAY_MS) / 2)
  expect(timeline.completedMs - timeline.firstDeltaMs).toBeGreaterThan((DELTAS * TOKEN_DELAY_MS) / 2)
  expect(timeline.chunks).toBeGreaterThan(DELTAS / 2)
  expect(timeline.text).not.toContain(KEY)
}

describe('createProxy in workerd (miniflare)', () => {
  let mf: Miniflare | undefined
  let api: string

  beforeAll(async () => {
    const entry = fileURLToPath(new URL('./worker/proxyWorker.ts', import.meta.url))
    const bundle = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      conditions: ['@skein/source'],
      write: false,
      logLevel: 'silent',
    })
    const script = bundle.outputFiles[0]?.text as string
    // The bundle must be web-only: a node: import would not load in a Worker without nodejs_compat.
    expect(script).not.toMatch(/from ?["']node:/)
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2026-04-01',
      compatibilityFlags: ['enable_request_signal'],
      bindings: {
        UPSTREAM_URL: `${stack.upstreamURL}/v1`,
        API_KEY: KEY,
        SECRET,
        ASSISTANT_ID: ALLOWED_ASSISTANT,
        SESSIONS: JSON.stringify({ [SESSIONS.alice as string]: 'alice', [SESSIONS.bob as string]: 'bob' }),
      },
    })
    api = `${String(await mf.ready).replace(/\/$/, '')}/api/skein`
  }, 60_000)

  afterAll(async () => {
    await mf?.dispose()
  })

  it('streams a run through unbuffered: the first delta arrives long before the run completes', async () => {
    expectUnbuffered(await streamRun(api))
  })

  it('enforces ownership and refusals the same way inside the Worker', async () => {
    const thread = await (
      await fetch(`${api}/threads`, { method: 'POST', headers: { cookie: SESSIONS.alice as string } })
    ).json()
    const foreign = await fetch(`${api}/threads/${thread.id}/messages`, { headers: { cookie: SESSIONS.bob as string } })
    expect(foreign.status).toBe(404)
    const files = await fetch(`${api}/files`, { headers: { cookie: SESSIONS.alice as string } })
    expect(files.status).toBe(404)
    const anonymous = await fetch(`${api}/threads`, { method: 'POST' })
    expect(anonymous.status).toBe(401)
    for (const response of [foreign, files, anonymous]) {
      const { headers, body } = await dump(response)
      expect(`${headers}\n${body}`).not.toContain(KEY)
    }
  })
})

describe('createProxy in Node (node:http adapter)', () => {
  let served: Served
  const upstreamSignals: AbortSignal[] = []

  beforeAll(async () => {
    const proxy = createProxy({
      upstream: { baseURL: `${stack.upstreamURL}/v1`, apiKey: KEY },
      secret: SECRET,
      assistants: [ALLOWED_ASSISTANT],
      basePath: '/api/skein',
      authorize: authorizeBySession,
      // Records the signal of each upstream request, to see the client's abort reach it.
      fetch: (input, init) => {
        if (init?.signal) upstreamSignals.push(init.signal)
        return fetch(input, init)
      },
    })
    served = await serveNode(proxy)
  })

  afterAll(async () => {
    await served?.close()
  })

  it('streams a run through unbuffered: the first delta arrives long before the run completes', async () => {
    expectUnbuffered(await streamRun(`${served.url}/api/skein`))
  })

  it('aborts the upstream request when the client goes away mid-stream', async () => {
    const api = `${served.url}/api/skein`
    const headers = { cookie: SESSIONS.alice as string, 'content-type': 'application/json' }
    const thread = await (await fetch(`${api}/threads`, { method: 'POST', headers, body: '{}' })).json()
    await fetch(`${api}/threads/${thread.id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ role: 'user', content: '[deltas:40] a long one' }),
    })
    const client = new AbortController()
    const response = await fetch(`${api}/threads/${thread.id}/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ assistant_id: ALLOWED_ASSISTANT, stream: true }),
      signal: client.signal,
    })
    const upstream = upstreamSignals.at(-1) as AbortSignal
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    expect(upstream.aborted).toBe(false)
    const aborted = new Promise<void>((resolve) => upstream.addEventListener('abort', () => resolve(), { once: true }))
    client.abort()
    await aborted
    expect(upstream.aborted).toBe(true)
  })
})
