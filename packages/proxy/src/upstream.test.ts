import { describe, expect, it } from 'vitest'
import { createUpstream, type UpstreamOptions, type UpstreamRequest } from './upstream.ts'

const KEY = 'sk-test-0123456789abcdefghijklmnop'
const BASE = 'https://upstream.test/v1'

interface Seen {
  url: string
  init: RequestInit
}

function recorder(respond: (url: string) => Response | Promise<Response>) {
  const seen: Seen[] = []
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(input), init: init ?? {} })
    return respond(String(input))
  }) as typeof fetch
  return { seen, fetchImpl }
}

function request(overrides: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return {
    method: 'GET',
    path: '/threads/thread_1/messages',
    headers: new Headers(),
    signal: new AbortController().signal,
    ...overrides,
  }
}

function upstreamWith(
  options: { [K in keyof UpstreamOptions]?: UpstreamOptions[K] | undefined },
  respond: (url: string) => Response | Promise<Response>,
) {
  const { seen, fetchImpl } = recorder(respond)
  const errors: unknown[] = []
  const upstream = createUpstream({ baseURL: BASE, apiKey: KEY, ...options } as UpstreamOptions, fetchImpl, (error) =>
    errors.push(error),
  )
  return { upstream, seen, errors }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('createUpstream', () => {
  it('sends the OpenAI flavor with a bearer key and the beta header, never following redirects', async () => {
    const { upstream, seen } = upstreamWith({}, () => json({ ok: true }))
    const query = new URLSearchParams({ limit: '5' })
    await upstream.send(request({ query }))
    const headers = new Headers(seen[0]?.init.headers)
    expect(seen[0]?.url).toBe(`${BASE}/threads/thread_1/messages?limit=5`)
    expect(headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(headers.get('openai-beta')).toBe('assistants=v2')
    expect(seen[0]?.init.redirect).toBe('manual')
  })

  it('sends the Azure flavor with api-version, a token from getToken and no beta header', async () => {
    let calls = 0
    const getToken = async () => `entra-token-${++calls}-abcdefgh`
    const { upstream, seen } = upstreamWith(
      { flavor: 'azure', apiKey: undefined, getToken, baseURL: 'https://x.services.ai.azure.com/api/projects/p/' },
      () => json({}),
    )
    await upstream.send(request({ query: new URLSearchParams({ order: 'asc' }) }))
    await upstream.send(request())
    const headers = new Headers(seen[1]?.init.headers)
    expect(seen[0]?.url).toBe(
      'https://x.services.ai.azure.com/api/projects/p/threads/thread_1/messages?order=asc&api-version=v1',
    )
    expect(headers.get('authorization')).toBe('Bearer entra-token-2-abcdefgh')
    expect(headers.has('openai-beta')).toBe(false)
  })

  it('sends an Azure key as api-key and honours apiVersion', async () => {
    const { upstream, seen } = upstreamWith({ flavor: 'azure', apiVersion: '2025-05-01' }, () => json({}))
    await upstream.send(request())
    const headers = new Headers(seen[0]?.init.headers)
    expect(headers.get('api-key')).toBe(KEY)
    expect(headers.has('authorization')).toBe(false)
    expect(new URL(seen[0]?.url ?? '').searchParams.get('api-version')).toBe('2025-05-01')
  })

  it('serializes the checked body as JSON and lets operator headers not replace auth', async () => {
    const { upstream, seen } = upstreamWith({ headers: { authorization: 'Bearer nope', 'openai-project': 'p1' } }, () =>
      json({}),
    )
    await upstream.send(request({ method: 'POST', body: { metadata: { a: 'b' } } }))
    const headers = new Headers(seen[0]?.init.headers)
    expect(seen[0]?.init.body).toBe('{"metadata":{"a":"b"}}')
    expect(headers.get('content-type')).toBe('application/json')
    expect(headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(headers.get('openai-project')).toBe('p1')
  })

  it('passes a success body through as a stream before upstream has finished it', async () => {
    let push: ((chunk: string) => void) | undefined
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => controller.enqueue(new TextEncoder().encode(chunk))
      },
    })
    const { upstream } = upstreamWith(
      {},
      () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    )
    const response = await upstream.send(request({ method: 'POST' }))
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    push?.('event: thread.run.created\ndata: {}\n\n')
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toContain('thread.run.created')
    expect(response.headers.get('cache-control')).toBe('no-store')
    await reader.cancel()
  })

  it.each([401, 403, 407, 301, 302, 307])('turns an upstream %i into a generic 502 without the key', async (status) => {
    const { upstream, errors } = upstreamWith({}, () =>
      json(
        { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'x', param: null, code: 'invalid_api_key' } },
        status,
        {
          location: 'https://elsewhere.test/',
          'www-authenticate': 'Bearer',
        },
      ),
    )
    const response = await upstream.send(request())
    const text = await response.text()
    expect(response.status).toBe(502)
    expect(text).not.toContain(KEY)
    expect(text).not.toContain('sk-')
    expect(response.headers.has('location')).toBe(false)
    expect(JSON.parse(text).error.code).toBe('upstream_error')
    expect(errors).toHaveLength(1)
  })

  it('redacts the key, token and upstream URL from a relayed error', async () => {
    const message = `Bad request to ${BASE}/threads/thread_1/messages with ${KEY}`
    const { upstream } = upstreamWith({}, () =>
      json({ error: { message, type: 'invalid_request_error', param: KEY, code: null, extra: KEY } }, 400, {
        'x-request-id': 'req_9',
      }),
    )
    const response = await upstream.send(request())
    const body = await response.json()
    expect(response.status).toBe(400)
    expect(response.headers.get('x-request-id')).toBe('req_9')
    expect(body).toEqual({
      error: {
        message: 'Bad request to [redacted]/threads/thread_1/messages with [redacted]',
        type: 'invalid_request_error',
        param: '[redacted]',
        code: null,
      },
    })
  })

  it.each([
    ['an HTML page', new Response('<html>upstream.test nginx</html>', { status: 503 })],
    ['JSON without error', json({ detail: 'x' }, 500)],
    ['an oversized body', new Response(`{"error":{"message":"${'x'.repeat(70_000)}"}}`, { status: 500 })],
  ])('replaces %s with a generic error of the same status', async (_label, reply) => {
    const { upstream } = upstreamWith({}, () => reply)
    const response = await upstream.send(request())
    expect(response.status).toBe(reply.status)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({
      error: { message: `Upstream error (${reply.status}).`, type: 'server_error', param: null, code: null },
    })
  })

  it('turns a network error into a 502 that names nothing, and reports the cause', async () => {
    const { upstream, errors } = upstreamWith({}, () => {
      throw new TypeError(`fetch failed: connect ECONNREFUSED ${BASE} ${KEY}`)
    })
    const response = await upstream.send(request())
    const text = await response.text()
    expect(response.status).toBe(502)
    expect(text).not.toContain('upstream.test')
    expect(text).not.toContain(KEY)
    expect(JSON.parse(text).error).toEqual({
      message: 'The upstream service could not be reached.',
      type: 'server_error',
      param: null,
      code: 'upstream_unreachable',
    })
    expect(errors).toHaveLength(1)
  })

  it('turns a failing getToken into a 502', async () => {
    const getToken = async () => {
      throw new Error('credential unavailable')
    }
    const { upstream, seen } = upstreamWith({ apiKey: undefined, getToken }, () => json({}))
    const response = await upstream.send(request())
    expect(response.status).toBe(502)
    expect(seen).toHaveLength(0)
  })

  it('passes the client signal to fetch and answers 499 once it aborted', async () => {
    const controller = new AbortController()
    const { upstream, seen, errors } = upstreamWith({}, () => {
      controller.abort()
      throw new DOMException('aborted', 'AbortError')
    })
    const response = await upstream.send(request({ signal: controller.signal }))
    expect(seen[0]?.init.signal).toBe(controller.signal)
    expect(response.status).toBe(499)
    expect(errors).toHaveLength(0)
  })

  it('answers a 204 without a body', async () => {
    const { upstream } = upstreamWith({}, () => new Response(null, { status: 204 }))
    const response = await upstream.send(request({ method: 'DELETE' }))
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
  })
})
