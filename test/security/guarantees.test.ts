// What the proxy guarantees beyond refusing attacks: indistinguishable 404s, the owner cache, what upstream receives,
// what the browser receives, and upstream failures that never leak the key.
import { createServer } from 'node:net'
import { createProxy } from '@skein/proxy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ALLOWED_ASSISTANT,
  authorizeBySession,
  call,
  diffRequests,
  dump,
  KEY,
  SECRET,
  SESSIONS,
  type Stack,
  startStack,
} from './harness.ts'
import { rawRequest, type Served, serveNode } from './nodeAdapter.ts'

let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})

afterAll(async () => {
  await stack?.close()
})

async function aliceThread(
  metadata: Record<string, string> = {},
): Promise<{ id: string; metadata: Record<string, string> }> {
  const response = await call(stack, 'alice', 'POST', '/threads', { body: JSON.stringify({ metadata }) })
  expect(response.status).toBe(200)
  return response.json()
}

/** A second proxy on the same upstream, with an empty owner cache. */
async function coldProxy(): Promise<Served> {
  const proxy = createProxy({
    upstream: { baseURL: `${stack.upstreamURL}/v1`, apiKey: KEY },
    secret: SECRET,
    assistants: [ALLOWED_ASSISTANT],
    basePath: '/api/skein',
    authorize: authorizeBySession,
  })
  return serveNode(proxy)
}

describe('createProxy ownership', () => {
  it('answers a foreign thread exactly like a thread that does not exist', async () => {
    const thread = await aliceThread()
    const foreign = await dump(await call(stack, 'bob', 'GET', `/threads/${thread.id}/messages`))
    const missing = await dump(await call(stack, 'bob', 'GET', '/threads/thread_doesnotexist000/messages'))
    const upstreamMissing = await (
      await fetch(`${stack.upstreamURL}/v1/threads/thread_doesnotexist000`, {
        headers: { authorization: `Bearer ${KEY}` },
      })
    ).json()
    expect(foreign.body.replace(thread.id, 'ID')).toBe(missing.body.replace('thread_doesnotexist000', 'ID'))
    expect(JSON.parse(missing.body)).toEqual(upstreamMissing)
    const names = (headers: string) =>
      headers
        .split('\n')
        .map((line) => line.split(':')[0])
        .sort()
    expect(names(foreign.headers)).toEqual(names(missing.headers))
  })

  it('costs one upstream thread lookup on a cold cache, and nothing else reaches upstream', async () => {
    const thread = await aliceThread()
    const cold = await coldProxy()
    try {
      const before = await stack.requests()
      const response = await fetch(`${cold.url}/api/skein/threads/${thread.id}/runs`, {
        method: 'POST',
        headers: { cookie: 'session=x', 'content-type': 'application/json' },
        body: JSON.stringify({ assistant_id: ALLOWED_ASSISTANT }),
      })
      expect(response.status).toBe(401)
      const bob = await fetch(`${cold.url}/api/skein/threads/${thread.id}/runs`, {
        method: 'POST',
        headers: { cookie: SESSIONS.bob as string, 'content-type': 'application/json' },
        body: JSON.stringify({ assistant_id: ALLOWED_ASSISTANT }),
      })
      expect(bob.status).toBe(404)
      expect(diffRequests(before, await stack.requests())).toEqual({ 'GET /threads/{thread_id}': 1 })
    } finally {
      await cold.close()
    }
  })

  it('refuses a thread created outside the proxy to every user', async () => {
    const outside = await (
      await fetch(`${stack.upstreamURL}/v1/threads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()
    expect((await call(stack, 'alice', 'GET', `/threads/${outside.id}`)).status).toBe(404)
    expect((await call(stack, 'bob', 'GET', `/threads/${outside.id}`)).status).toBe(404)
  })

  it('keeps the stamp when the owner replaces the metadata (upstream replaces it whole)', async () => {
    const thread = await aliceThread({ topic: 'a' })
    const stamp = thread.metadata.skein_owner
    expect(stamp).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const updated = await (
      await call(stack, 'alice', 'POST', `/threads/${thread.id}`, { body: '{"metadata":{"topic":"b"}}' })
    ).json()
    expect(updated.metadata).toEqual({ topic: 'b', skein_owner: stamp })
    const cleared = await (
      await call(stack, 'alice', 'POST', `/threads/${thread.id}`, { body: '{"metadata":null}' })
    ).json()
    expect(cleared.metadata).toEqual({ skein_owner: stamp })
    expect((await call(stack, 'bob', 'GET', `/threads/${thread.id}`)).status).toBe(404)
  })

  it('stores the checked body, not the raw bytes: an earlier duplicate key never reaches upstream', async () => {
    const response = await call(stack, 'bob', 'POST', '/threads', {
      body: '{"metadata":{"skein_owner":"forged"},"metadata":{"topic":"x"}}',
    })
    const thread = await response.json()
    expect(thread.metadata.topic).toBe('x')
    expect(thread.metadata.skein_owner).not.toBe('forged')
    expect((await call(stack, 'bob', 'GET', `/threads/${thread.id}`)).status).toBe(200)
    expect((await call(stack, 'alice', 'GET', `/threads/${thread.id}`)).status).toBe(404)
  })

  it('stamps the thread of create-and-run for its creator only', async () => {
    const response = await call(stack, 'alice', 'POST', '/threads/runs', {
      body: JSON.stringify({
        assistant_id: ALLOWED_ASSISTANT,
        thread: { messages: [{ role: 'user', content: 'Hi' }] },
      }),
    })
    const run = await response.json()
    expect(run.thread_id).toMatch(/^thread_/)
    expect((await call(stack, 'alice', 'GET', `/threads/${run.thread_id}/runs/${run.id}`)).status).toBe(200)
    expect((await call(stack, 'bob', 'GET', `/threads/${run.thread_id}/runs/${run.id}`)).status).toBe(404)
  })

  it('forgets a deleted thread: the next request looks it up again and finds nothing', async () => {
    const thread = await aliceThread()
    expect((await call(stack, 'alice', 'GET', `/threads/${thread.id}/messages`)).status).toBe(200)
    expect((await call(stack, 'alice', 'DELETE', `/threads/${thread.id}`)).status).toBe(200)
    const before = await stack.requests()
    expect((await call(stack, 'alice', 'GET', `/threads/${thread.id}/messages`)).status).toBe(404)
    expect(diffRequests(before, await stack.requests())).toEqual({ 'GET /threads/{thread_id}': 1 })
  })
})

describe('createProxy forwarding', () => {
  it('sends upstream its own credentials and only the allowlisted browser headers', async () => {
    const thread = await aliceThread()
    const response = await call(stack, 'alice', 'GET', `/threads/${thread.id}/messages?limit=5`, {
      headers: {
        authorization: 'Bearer sk-from-the-browser',
        'openai-organization': 'org-evil',
        'openai-project': 'proj-evil',
        'openai-beta': 'assistants=v1',
        'api-key': 'browser-key',
        'x-forwarded-for': '10.0.0.1',
        'x-client-request-id': 'trace-123',
        accept: 'application/json',
      },
    })
    expect(response.status).toBe(200)
    const seen = (await stack.lastHeaders())['GET /threads/{thread_id}/messages'] ?? {}
    expect(seen.authorization).toBe(`Bearer ${KEY}`)
    expect(seen['openai-beta']).toBe('assistants=v2')
    expect(seen['x-client-request-id']).toBe('trace-123')
    for (const name of ['cookie', 'openai-organization', 'openai-project', 'api-key', 'x-forwarded-for']) {
      expect(seen).not.toHaveProperty(name)
    }
  })

  it('forwards only to the configured upstream, whatever host the request line or Host header names', async () => {
    const before = await stack.requests()
    const raw = await rawRequest(stack.proxyURL, [
      `POST http://169.254.169.254/api/skein/threads HTTP/1.1\r\nHost: 169.254.169.254\r\nCookie: ${SESSIONS.alice}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    ])
    expect(raw.status).toBe(200)
    expect(JSON.parse(raw.body).object).toBe('thread')
    expect(diffRequests(before, await stack.requests())).toEqual({ 'POST /threads': 1 })
  })

  it('drops a forwarded header whose value is not what it should be', async () => {
    const thread = await aliceThread()
    await call(stack, 'alice', 'GET', `/threads/${thread.id}/runs`, {
      headers: { 'x-client-request-id': 'a b <script>', accept: 'text/html"; x=<y>' },
    })
    const seen = (await stack.lastHeaders())['GET /threads/{thread_id}/runs'] ?? {}
    expect(seen).not.toHaveProperty('x-client-request-id')
    expect(seen.accept).not.toContain('<')
  })

  it('gives the browser only safe response headers, with no-store', async () => {
    const thread = await aliceThread()
    const response = await call(stack, 'alice', 'GET', `/threads/${thread.id}`, {
      headers: { origin: 'http://evil.test' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    for (const name of ['access-control-allow-origin', 'set-cookie', 'openai-organization', 'openai-processing-ms']) {
      expect(response.headers.has(name)).toBe(false)
    }
  })
})

describe('createProxy upstream failures', () => {
  it('turns an upstream 401 (a wrong key) into a 502 that shows no part of any key', async () => {
    const wrongKey = `sk-wrong-${'a'.repeat(40)}`
    const proxy = createProxy({
      upstream: { baseURL: `${stack.upstreamURL}/v1`, apiKey: wrongKey },
      secret: SECRET,
      assistants: [ALLOWED_ASSISTANT],
      authorize: () => ({ userId: 'alice' }),
    })
    const response = await proxy(new Request('http://app.test/threads', { method: 'POST' }))
    const { headers, body } = await dump(response)
    expect(response.status).toBe(502)
    expect(JSON.parse(body).error.code).toBe('upstream_error')
    for (const text of [headers, body]) {
      expect(text).not.toContain(wrongKey.slice(0, 12))
      expect(text).not.toContain(wrongKey.slice(-4))
      expect(text).not.toContain(KEY)
    }
  })

  it('turns an unreachable upstream into a 502 that names neither host nor key', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer()
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const errors: unknown[] = []
    const proxy = createProxy({
      upstream: { baseURL: `http://127.0.0.1:${port}/v1`, apiKey: KEY },
      secret: SECRET,
      assistants: [ALLOWED_ASSISTANT],
      authorize: () => ({ userId: 'alice' }),
      onError: (error) => errors.push(error),
    })
    const response = await proxy(new Request('http://app.test/threads', { method: 'POST' }))
    const { headers, body } = await dump(response)
    expect(response.status).toBe(502)
    expect(JSON.parse(body).error).toEqual({
      message: 'The upstream service could not be reached.',
      type: 'server_error',
      param: null,
      code: 'upstream_unreachable',
    })
    expect(`${headers}${body}`).not.toContain(String(port))
    expect(errors).toHaveLength(1)
  })

  it('relays an injected upstream 500 in the wire shape, without the key', async () => {
    const thread = await aliceThread()
    const faults = await fetch(`${stack.upstreamURL}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 500, match: 'GET /threads/{thread_id}/runs', times: 1 }),
    })
    expect(faults.status).toBe(200)
    const response = await call(stack, 'alice', 'GET', `/threads/${thread.id}/runs`)
    const { headers, body } = await dump(response)
    expect(response.status).toBe(500)
    expect(Object.keys(JSON.parse(body).error).sort()).toEqual(['code', 'message', 'param', 'type'])
    expect(`${headers}${body}`).not.toContain(KEY)
  })
})
