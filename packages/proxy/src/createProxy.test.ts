import { describe, expect, it } from 'vitest'
import { createProxy } from './createProxy.ts'
import type { ProxyOptions } from './options.ts'

const KEY = 'sk-unit-0123456789abcdefghijklmnopqrstuv'
const SECRET = 'unit-test-secret-0123456789abcdefghijkl'
const ORIGIN = 'http://app.test'

interface Call {
  method: string
  path: string
  body: unknown
  headers: Headers
  signal: AbortSignal | null | undefined
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'r1' } })

/** A tiny in-memory upstream: threads with metadata, everything else echoed. Records every call. */
function fakeUpstream() {
  const threads = new Map<string, { id: string; object: 'thread'; metadata: Record<string, string> }>()
  const calls: Call[] = []
  let seq = 0
  const newThread = (metadata: unknown) => {
    const thread = { id: `thread_${++seq}`, object: 'thread' as const, metadata: { ...(metadata as object) } }
    threads.set(thread.id, thread)
    return thread
  }
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input))
    const method = init.method ?? 'GET'
    const path = url.pathname.replace(/^\/v1/, '') + url.search
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({ method, path, body, headers: new Headers(init.headers), signal: init.signal })
    if (method === 'POST' && path === '/threads') return json(newThread(body?.metadata))
    if (method === 'POST' && path === '/threads/runs') {
      const thread = newThread(body?.thread?.metadata)
      return json({ id: 'run_1', object: 'thread.run', thread_id: thread.id })
    }
    const match = /^\/threads\/([^/?]+)(.*)$/.exec(path)
    const thread = match ? threads.get(match[1] as string) : undefined
    if (match && !thread) {
      const message = `No thread found with id '${match[1]}'.`
      return json({ error: { message, type: 'invalid_request_error', param: null, code: null } }, 404)
    }
    if (thread && match?.[2] === '') {
      if (method === 'POST') thread.metadata = { ...body.metadata }
      if (method === 'DELETE') {
        threads.delete(thread.id)
        return json({ id: thread.id, object: 'thread.deleted', deleted: true })
      }
      return json(thread)
    }
    return json({ object: 'echo', method, path })
  }) as typeof fetch
  return { threads, calls, fetchImpl, newThread }
}

function setup(overrides: { [K in keyof ProxyOptions]?: ProxyOptions[K] | undefined } = {}) {
  const upstream = fakeUpstream()
  const errors: unknown[] = []
  const proxy = createProxy({
    upstream: { baseURL: 'https://upstream.test/v1', apiKey: KEY },
    secret: SECRET,
    assistants: ['asst_ok'],
    basePath: '/api/skein',
    authorize: (request) => {
      const user = request.headers.get('x-test-user')
      return user ? { userId: user } : null
    },
    fetch: upstream.fetchImpl,
    onError: (error) => errors.push(error),
    ...overrides,
  } as ProxyOptions)
  const call = (user: string | null, method: string, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (user) headers.set('x-test-user', user)
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
    return proxy(new Request(`${ORIGIN}/api/skein${path}`, { ...init, method, headers }))
  }
  return { proxy, call, errors, ...upstream }
}

describe('createProxy', () => {
  describe('options', () => {
    const base: ProxyOptions = {
      upstream: { baseURL: 'https://upstream.test/v1', apiKey: KEY },
      secret: SECRET,
      assistants: ['asst_ok'],
      authorize: () => null,
    }
    it.each([
      ['a relative baseURL', { upstream: { baseURL: '/v1', apiKey: KEY } }, /baseURL/],
      ['a non-http baseURL', { upstream: { baseURL: 'file:///etc', apiKey: KEY } }, /baseURL/],
      ['no credentials', { upstream: { baseURL: 'https://u.test' } }, /apiKey or upstream.getToken/],
      [
        'both credentials',
        { upstream: { baseURL: 'https://u.test', apiKey: KEY, getToken: async () => 't' } },
        /exactly one/,
      ],
      ['a short secret', { secret: 'short' }, /32 characters/],
      ['bad assistant ids', { assistants: ['asst ok'] }, /assistant ids/],
      ['no authorize', { authorize: undefined }, /authorize/],
      ['a basePath without a slash', { basePath: 'api' }, /Did you mean '\/api'/],
      ['a zero body limit', { maxBodyBytes: 0 }, /maxBodyBytes/],
    ])('throws a TypeError for %s', (_label, patch, message) => {
      expect(() => createProxy({ ...base, ...patch } as ProxyOptions)).toThrow(TypeError)
      expect(() => createProxy({ ...base, ...patch } as ProxyOptions)).toThrow(message)
    })
  })

  describe('routing', () => {
    it('answers 404 outside the base path, also for look-alike prefixes', async () => {
      const { proxy, calls } = setup()
      for (const url of [`${ORIGIN}/threads`, `${ORIGIN}/api/skeinx/threads`, `${ORIGIN}/api/threads`]) {
        const response = await proxy(new Request(url, { method: 'POST', headers: { 'x-test-user': 'alice' } }))
        expect(response.status).toBe(404)
        expect((await response.json()).error.code).toBe('unknown_route')
      }
      expect(calls).toHaveLength(0)
    })

    it('answers 405 with an Allow header for a routed path and a wrong method', async () => {
      const { call, calls } = setup()
      const response = await call('alice', 'PUT', '/threads/thread_1')
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('GET, POST, DELETE')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(calls).toHaveLength(0)
    })

    it('serves the routes from the root when basePath is not set', async () => {
      const { proxy } = setup({ basePath: undefined })
      const response = await proxy(
        new Request(`${ORIGIN}/threads`, { method: 'POST', headers: { 'x-test-user': 'a' } }),
      )
      expect(response.status).toBe(200)
    })
  })

  describe('authorize and limit', () => {
    it('answers 401 without calling upstream or the limiter when authorize returns null', async () => {
      let limited = 0
      const { call, calls } = setup({ limit: () => ++limited > 0 })
      const response = await call(null, 'POST', '/threads')
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({
        error: {
          message: 'Sign in to use this service.',
          type: 'authentication_error',
          param: null,
          code: 'unauthorized',
        },
      })
      expect([calls.length, limited]).toEqual([0, 0])
    })

    it('answers a generic 500 when authorize throws or returns no user id, and reports why', async () => {
      for (const authorize of [
        () => {
          throw new Error('session store down')
        },
        () => ({ userId: '' }),
      ]) {
        const { call, calls, errors } = setup({ authorize })
        const response = await call('alice', 'POST', '/threads')
        expect(response.status).toBe(500)
        expect(await response.text()).not.toMatch(/session store|userId/)
        expect([calls.length, errors.length]).toEqual([0, 1])
      }
    })

    it('answers 429 when limit says no, with Retry-After rounded up when given', async () => {
      const seen: string[] = []
      const decisions: unknown[] = [false, { retryAfter: 2.2 }, true]
      const { call, calls } = setup({
        limit: (caller, _request, { route }) => {
          seen.push(`${caller.userId}:${route}`)
          return (decisions.shift() ?? true) as boolean
        },
      })
      const first = await call('alice', 'POST', '/threads')
      expect([first.status, first.headers.get('retry-after')]).toEqual([429, null])
      const second = await call('alice', 'POST', '/threads')
      expect([second.status, second.headers.get('retry-after')]).toEqual([429, '3'])
      expect((await second.json()).error.type).toBe('rate_limit_error')
      expect((await call('alice', 'POST', '/threads')).status).toBe(200)
      expect(seen).toEqual(['alice:threads.create', 'alice:threads.create', 'alice:threads.create'])
      expect(calls).toHaveLength(1)
    })

    it('fails closed on a limiter answer that is neither true nor a decision, and ignores a bad retryAfter', async () => {
      const answers: unknown[] = [undefined, { retryAfter: Number.NaN }, 'yes']
      const { call, calls } = setup({ limit: () => answers.shift() as boolean })
      for (let index = 0; index < 3; index += 1) {
        const response = await call('alice', 'POST', '/threads')
        expect([response.status, response.headers.get('retry-after')]).toEqual([429, null])
      }
      expect(calls).toHaveLength(0)
    })

    it('refuses requests a browser marks cross-site, unless allowed', async () => {
      const headers = { 'sec-fetch-site': 'cross-site' }
      const strict = setup()
      expect((await strict.call('alice', 'POST', '/threads', { headers })).status).toBe(403)
      expect(
        (await strict.call('alice', 'POST', '/threads', { headers: { 'sec-fetch-site': 'same-origin' } })).status,
      ).toBe(200)
      const open = setup({ allowCrossSite: true })
      expect((await open.call('alice', 'POST', '/threads', { headers })).status).toBe(200)
      expect(strict.calls).toHaveLength(1)
    })
  })

  describe('ownership', () => {
    it('stamps a created thread and lets only its owner in', async () => {
      const { call, calls } = setup()
      const created = await (await call('alice', 'POST', '/threads', { body: '{"metadata":{"topic":"x"}}' })).json()
      expect(calls[0]?.body).toEqual({ metadata: { topic: 'x', skein_owner: expect.stringMatching(/^[\w-]{43}$/) } })
      expect((await call('alice', 'GET', `/threads/${created.id}/messages`)).status).toBe(200)
      const foreign = await call('bob', 'GET', `/threads/${created.id}/messages`)
      expect(foreign.status).toBe(404)
    })

    it('answers a foreign thread exactly like a missing one', async () => {
      const { call, newThread } = setup()
      const created = await (await call('alice', 'POST', '/threads')).json()
      const foreign = await call('bob', 'GET', `/threads/${created.id}`)
      const missing = await call('bob', 'GET', '/threads/thread_nope')
      const unowned = await call('bob', 'GET', `/threads/${newThread({}).id}`)
      const bodies = await Promise.all([foreign, missing, unowned].map((r) => r.text()))
      const normalised = bodies.map((body) => body.replace(/thread_\w+/, 'ID'))
      expect(new Set(normalised).size).toBe(1)
      expect(JSON.parse(bodies[0] as string)).toEqual({
        error: {
          message: `No thread found with id '${created.id}'.`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      })
      const headerSets = [foreign, missing, unowned].map((r) => JSON.stringify([...r.headers].sort()))
      expect(new Set(headerSets).size).toBe(1)
      expect([foreign.status, missing.status, unowned.status]).toEqual([404, 404, 404])
    })

    it('looks a thread up once, reuses the lookup for GET /threads/{id}, then answers from the cache', async () => {
      const { call, calls } = setup()
      const created = await (await call('alice', 'POST', '/threads')).json()
      calls.length = 0
      const first = await call('alice', 'GET', `/threads/${created.id}`)
      expect((await first.json()).id).toBe(created.id)
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /threads/${created.id}`])
      await call('alice', 'GET', `/threads/${created.id}/runs`)
      await call('bob', 'POST', `/threads/${created.id}/messages`, { body: '{"role":"user","content":"x"}' })
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        `GET /threads/${created.id}`,
        `GET /threads/${created.id}/runs`,
      ])
    })

    it('forgets a deleted thread', async () => {
      const { call, calls } = setup()
      const created = await (await call('alice', 'POST', '/threads')).json()
      expect((await call('alice', 'DELETE', `/threads/${created.id}`)).status).toBe(200)
      calls.length = 0
      expect((await call('alice', 'GET', `/threads/${created.id}/messages`)).status).toBe(404)
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /threads/${created.id}`])
    })

    it('stamps the thread of create-and-run, which its creator can then use', async () => {
      const { call, calls } = setup()
      const body = JSON.stringify({ assistant_id: 'asst_ok', thread: { messages: [{ role: 'user', content: 'hi' }] } })
      const run = await (await call('alice', 'POST', '/threads/runs', { body })).json()
      expect(calls[0]?.body).toMatchObject({ thread: { metadata: { skein_owner: expect.any(String) } } })
      expect((await call('alice', 'GET', `/threads/${run.thread_id}/runs/run_1`)).status).toBe(200)
      expect((await call('bob', 'GET', `/threads/${run.thread_id}/runs/run_1`)).status).toBe(404)
    })

    it('keeps the owner when the owner replaces the thread metadata', async () => {
      const { call, threads } = setup()
      const created = await (await call('alice', 'POST', '/threads')).json()
      const stamp = threads.get(created.id)?.metadata.skein_owner
      await call('alice', 'POST', `/threads/${created.id}`, { body: '{"metadata":{"title":"t"}}' })
      expect(threads.get(created.id)?.metadata).toEqual({ title: 't', skein_owner: stamp })
    })

    it('checks the body before the owner, so a bad request costs no upstream call', async () => {
      const { call, calls } = setup()
      const response = await call('alice', 'POST', '/threads/thread_x/runs', { body: '{"assistant_id":"asst_bad"}' })
      expect(response.status).toBe(403)
      expect(calls).toHaveLength(0)
    })

    it('passes an upstream failure of the lookup through and refuses a lookup that is not a thread', async () => {
      const failing = setup({
        fetch: (async () => json({ error: { message: 'busy', type: 'server_error' } }, 503)) as typeof fetch,
      })
      expect((await failing.call('alice', 'GET', '/threads/thread_1/runs')).status).toBe(503)
      const garbage = setup({ fetch: (async () => new Response('<html>')) as typeof fetch })
      const response = await garbage.call('alice', 'GET', '/threads/thread_1/runs')
      expect(response.status).toBe(502)
      expect(garbage.errors).toHaveLength(1)
    })
  })

  describe('forwarding', () => {
    it('forwards the rebuilt query, the client signal and only allowlisted headers', async () => {
      const { call, calls } = setup()
      const created = await (await call('alice', 'POST', '/threads')).json()
      const controller = new AbortController()
      await call('alice', 'GET', `/threads/${created.id}/messages?limit=2&order=asc`, {
        headers: { cookie: 'session=1', authorization: 'Bearer user-token', accept: 'application/json' },
        signal: controller.signal,
      })
      const last = calls.at(-1)
      expect(last?.path).toBe(`/threads/${created.id}/messages?limit=2&order=asc`)
      expect(last?.headers.get('authorization')).toBe(`Bearer ${KEY}`)
      expect(last?.headers.has('cookie')).toBe(false)
      controller.abort()
      expect(last?.signal?.aborted).toBe(true)
    })

    it('forwards a body-less cancel without a body and refuses a text/plain one', async () => {
      const { call, calls } = setup()
      const created = await (await call('alice', 'POST', '/threads')).json()
      expect((await call('alice', 'POST', `/threads/${created.id}/runs/run_1/cancel`)).status).toBe(200)
      expect(calls.at(-1)?.body).toBeUndefined()
      const form = await call('alice', 'POST', `/threads/${created.id}/runs/run_1/cancel`, {
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      })
      expect(form.status).toBe(415)
    })

    it('serves GET /assistants/{id} for configured ids only, when exposed', async () => {
      const { call, calls } = setup({ exposeAssistants: true })
      expect((await call('alice', 'GET', '/assistants/asst_ok')).status).toBe(200)
      expect((await call('alice', 'GET', '/assistants/asst_other')).status).toBe(404)
      expect(calls.map((c) => c.path)).toEqual(['/assistants/asst_ok'])
      const hidden = setup()
      expect((await hidden.call('alice', 'GET', '/assistants/asst_ok')).status).toBe(404)
    })

    it('returns the stream before upstream finishes it', async () => {
      let push: ((text: string) => void) | undefined
      const upstream = fakeUpstream()
      const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
        if (!String(input).endsWith('/runs')) return upstream.fetchImpl(input, init)
        const body = new ReadableStream<Uint8Array>({
          start: (controller) => {
            push = (text) => controller.enqueue(new TextEncoder().encode(text))
          },
        })
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
      }) as typeof fetch
      const { call } = setup({ fetch: fetchImpl })
      const created = await (await call('alice', 'POST', '/threads')).json()
      const response = await call('alice', 'POST', `/threads/${created.id}/runs`, {
        body: '{"assistant_id":"asst_ok","stream":true}',
      })
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      push?.('event: thread.message.delta\ndata: {}\n\n')
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('thread.message.delta')
      expect(response.headers.get('x-accel-buffering')).toBe('no')
      await reader.cancel()
    })
  })
})
