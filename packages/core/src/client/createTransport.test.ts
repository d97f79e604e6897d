import { describe, expect, it } from 'vitest'
import { AssistantsError } from '../errors.ts'
import type { ResponseSchemaName, StrictValidation } from '../schemas/validation.ts'
import { strict } from '../strict.ts'
import { createTransport, type Method, type TransportInternals } from './createTransport.ts'
import type { ClientOptions, RequestOptions } from './options.ts'
import { sleep } from './retry.ts'

type Answer = Response | Error | ((request: Request) => Response | Promise<Response>)

/** An injected fetch that records each Request and answers from a script (the last entry repeats). */
function scripted(...answers: Answer[]) {
  const requests: Request[] = []
  const inputs: string[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    inputs.push(String(input))
    const request = new Request(new URL(String(input), 'http://relative.test'), init)
    requests.push(request)
    const answer = answers[Math.min(requests.length, answers.length) - 1]
    if (answer instanceof Error) throw answer
    if (typeof answer === 'function') return answer(request)
    return answer!.clone()
  }
  return { fetch, requests, inputs }
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } })
const ok = () => json({ id: 'thread_1', object: 'thread' })

interface Init {
  query?: object
  body?: unknown
  schema?: ResponseSchemaName
  options?: RequestOptions
}

/** The transport, with `request` taking its arguments by name here and `stream` for a streaming POST, for readable tests. */
function transport(
  fetch: ClientOptions['fetch'],
  options: Partial<ClientOptions> = {},
  internals?: TransportInternals,
) {
  const t = createTransport({ baseURL: 'https://api.test/v1', fetch, ...options }, internals)
  return {
    ...t,
    request: <T>(method: Method, path: string, init: Init = {}) =>
      t.request<T>(method, path, init.schema, init.options, init.body, init.query),
    stream: (
      path: string,
      body: unknown,
      query: object | undefined,
      options: RequestOptions | undefined,
      signal: AbortSignal,
    ) => t.request('POST', path, undefined, options, body, query, signal),
  }
}

/** A sleep that records waits and never really waits. */
function recordedSleep() {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 }
}

async function caught(promise: Promise<unknown>): Promise<AssistantsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!AssistantsError.is(error)) throw new Error(`expected an AssistantsError, got ${String(error)}`)
  return error
}

describe('createTransport', () => {
  it('joins base URL and path, drops trailing slashes and encodes the query', async () => {
    const { fetch, inputs } = scripted(ok())
    await transport(fetch, { baseURL: 'https://api.test/v1//' }).request('GET', '/threads/t/messages', {
      query: { limit: 2, order: 'asc', after: 'msg a&b', before: undefined, run_id: null, flag: true },
    })
    expect(inputs).toEqual(['https://api.test/v1/threads/t/messages?limit=2&order=asc&after=msg%20a%26b&flag=true'])
  })

  it('sends arrays as repeated key[] parameters', async () => {
    const { fetch, inputs } = scripted(ok())
    const include = ['step_details.tool_calls[*].file_search.results[*].content', 'x']
    await transport(fetch).request('GET', '/s', { query: { include } })
    expect(inputs[0]).toBe(
      'https://api.test/v1/s?include[]=step_details.tool_calls%5B*%5D.file_search.results%5B*%5D.content&include[]=x',
    )
  })

  it('keeps a relative base URL relative (browsers resolve it against the page)', async () => {
    const { fetch, inputs } = scripted(ok())
    await transport(fetch, { baseURL: '/api/skein/' }).request('GET', '/threads/t')
    expect(inputs).toEqual(['/api/skein/threads/t'])
  })

  it('puts api-version first on every azure request, v1 by default', async () => {
    const { fetch, inputs } = scripted(ok())
    await transport(fetch, { flavor: 'azure' }).request('GET', '/threads/t/runs', { query: { limit: 1 } })
    await transport(fetch, { flavor: 'azure', apiVersion: '2025-05-15-preview' }).request('POST', '/threads')
    expect(inputs).toEqual([
      'https://api.test/v1/threads/t/runs?api-version=v1&limit=1',
      'https://api.test/v1/threads?api-version=2025-05-15-preview',
    ])
  })

  it('sends bearer, beta, accept and content-type headers for openai', async () => {
    const { fetch, requests } = scripted(ok())
    await transport(fetch, { apiKey: 'sk-1' }).request('POST', '/threads', { body: { metadata: { a: 'b' } } })
    await transport(fetch, { apiKey: 'sk-1' }).request('GET', '/threads/t')
    const [post, get] = requests
    expect(Object.fromEntries(post!.headers)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer sk-1',
      'content-type': 'application/json',
      'openai-beta': 'assistants=v2',
    })
    expect(await post!.text()).toBe('{"metadata":{"a":"b"}}')
    expect(get!.headers.get('content-type')).toBeNull()
  })

  it('omits Authorization when neither apiKey nor getToken is given (browser via proxy)', async () => {
    const { fetch, requests } = scripted(ok())
    await transport(fetch).request('GET', '/threads/t')
    expect(requests[0]!.headers.has('authorization')).toBe(false)
  })

  it('asks getToken before every azure request and sends no beta header', async () => {
    const { fetch, requests } = scripted(ok())
    let n = 0
    const t = transport(fetch, { flavor: 'azure', getToken: async () => `token-${++n}` })
    await t.request('GET', '/threads/a')
    await t.request('GET', '/threads/b')
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2'])
    expect(requests[0]!.headers.has('openai-beta')).toBe(false)
  })

  it('lets client headers and then request headers win, case-insensitively', async () => {
    const { fetch, requests } = scripted(ok())
    const t = transport(fetch, { apiKey: 'sk', headers: { 'openai-beta': 'assistants=v3', 'X-A': 'client' } })
    await t.request('GET', '/t', { options: { headers: { 'x-a': 'request', AUTHORIZATION: 'Bearer other' } } })
    expect(requests[0]!.headers.get('openai-beta')).toBe('assistants=v3')
    expect(requests[0]!.headers.get('x-a')).toBe('request')
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer other')
  })

  it('reads options.fetch at call time', async () => {
    const first = scripted(ok())
    const second = scripted(ok())
    const options: ClientOptions = { baseURL: 'https://api.test/v1', fetch: first.fetch }
    const t = createTransport(options)
    options.fetch = second.fetch
    await t.request('GET', '/threads/t')
    expect([first.requests.length, second.requests.length]).toEqual([0, 1])
  })

  it('lets a failing getToken pass through untouched', async () => {
    const { fetch, requests } = scripted(ok())
    const failure = new Error('no credential')
    const t = transport(fetch, { getToken: () => Promise.reject(failure) })
    await expect(t.request('GET', '/t')).rejects.toBe(failure)
    expect(requests).toHaveLength(0)
  })

  it('refuses a body that is not JSON-serialisable and a query value of the wrong type', async () => {
    const { fetch, requests } = scripted(ok())
    await expect(transport(fetch).request('POST', '/t', { body: { n: 1n } })).rejects.toThrow(TypeError)
    await expect(transport(fetch).request('GET', '/t', { query: { limit: { a: 1 } } })).rejects.toThrow(
      /Query parameter "limit" must be a string, number or boolean, got object/,
    )
    expect(requests).toHaveLength(0)
  })

  it('returns the parsed object and the response', async () => {
    const { fetch } = scripted(json({ id: 'run_1' }, { headers: { 'openai-poll-after-ms': '250' } }))
    const { data, response } = await transport(fetch).request<{ id: string }>('GET', '/r')
    expect(data).toEqual({ id: 'run_1' })
    expect(response.headers.get('openai-poll-after-ms')).toBe('250')
  })

  it('checks responses against the named schema only with strict validation', async () => {
    const thread = { id: 'thread_1', object: 'thread', created_at: 1, metadata: null }
    const bad = () => scripted(json({ ...thread, object: 'thread.run' }, { headers: { 'x-request-id': 'r' } }))
    const lenient = await transport(bad().fetch).request('GET', '/threads/t', { schema: 'thread' })
    expect(lenient.data).toEqual({ ...thread, object: 'thread.run' })
    const error = await caught(
      transport(bad().fetch, { validation: strict }).request('GET', '/threads/t', { schema: 'thread' }),
    )
    expect(error.code).toBe('invalid_event')
    expect(error.message).toMatch(/^\[GET\] \/threads\/t: the response does not match its schema at object: /)
    expect([error.method, error.path]).toEqual(['GET', '/threads/t'])
    expect(error.issues?.length).toBeGreaterThan(0)
    expect(error.details).toEqual({ ...thread, object: 'thread.run' })
    const good = scripted(json({ ...thread, extra: 1 }))
    const checked = await transport(good.fetch, { validation: strict }).request('GET', '/t', { schema: 'thread' })
    expect(checked.data).toEqual({ ...thread, extra: 1 })
  })

  it('hands a StrictValidation the schema name, the parsed object and the target, and returns its result', async () => {
    const seen: unknown[] = []
    const validation: StrictValidation = {
      event: (_, data) => data,
      response: (schema, value, target) => {
        seen.push([schema, value, target])
        return { checked: true }
      },
    }
    const { fetch } = scripted(json({ id: 'run_1' }))
    const { data } = await transport(fetch, { validation }).request('GET', '/r', { schema: 'run' })
    expect(data).toEqual({ checked: true })
    expect(seen).toEqual([['run', { id: 'run_1' }, { method: 'GET', path: '/r' }]])
  })
})

describe('createTransport retries', () => {
  const failures: [string, () => Answer][] = [
    ['a network error', () => new TypeError('fetch failed')],
    ['408', () => json({ error: { message: 'timeout' } }, { status: 408 })],
    ['409', () => json({ error: { message: 'conflict' } }, { status: 409 })],
    ['429', () => json({ error: { message: 'slow down' } }, { status: 429 })],
    ['500', () => new Response('oops', { status: 500 })],
    ['503', () => new Response('', { status: 503 })],
  ]

  it.each(failures)('retries a GET after %s with exponential backoff', async (_, failure) => {
    const { fetch, requests } = scripted(failure(), failure(), ok())
    const timing = recordedSleep()
    const { data } = await transport(fetch, {}, timing).request('GET', '/threads/t')
    expect(data).toEqual({ id: 'thread_1', object: 'thread' })
    expect(requests).toHaveLength(3)
    expect(timing.waits).toEqual([438, 875])
  })

  it('honours retry-after-ms and Retry-After (seconds and HTTP date)', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    const date = new Date(now + 4_000).toUTCString()
    const { fetch } = scripted(
      json({}, { status: 429, headers: { 'retry-after-ms': '120' } }),
      json({}, { status: 503, headers: { 'retry-after': '3' } }),
      json({}, { status: 429, headers: { 'retry-after': date } }),
      ok(),
    )
    const timing = { ...recordedSleep(), now: () => now }
    await transport(fetch, { maxRetries: 3 }, timing).request('GET', '/t')
    expect(timing.waits).toEqual([120, 3000, 4000])
  })

  it('gives up after maxRetries with the last error', async () => {
    const { fetch, requests } = scripted(
      json({ error: { message: 'first' } }, { status: 503 }),
      json({ error: { message: 'second' } }, { status: 503 }),
      json({ error: { message: 'last' } }, { status: 502, headers: { 'x-request-id': 'req_3' } }),
    )
    const timing = recordedSleep()
    const error = await caught(transport(fetch, {}, timing).request('GET', '/threads/t'))
    expect(error.message).toBe('[GET] /threads/t: 502 last')
    expect(error.requestId).toBe('req_3')
    expect(requests).toHaveLength(3)
    expect(timing.waits).toHaveLength(2)
  })

  it('gives up after maxRetries network errors with a network error', async () => {
    const { fetch, requests } = scripted(new TypeError('fetch failed'))
    const error = await caught(transport(fetch, { maxRetries: 1 }, recordedSleep()).request('GET', '/t'))
    expect(error.code).toBe('network')
    expect(requests).toHaveLength(2)
  })

  it('does not retry with maxRetries: 0, nor a GET answered 400 or 404', async () => {
    for (const [status, maxRetries] of [
      [500, 0],
      [400, 2],
      [404, 2],
    ] as const) {
      const { fetch, requests } = scripted(json({ error: { message: 'no' } }, { status }))
      const timing = recordedSleep()
      await expect(transport(fetch, { maxRetries }, timing).request('GET', '/t')).rejects.toThrow(`${status} no`)
      expect(requests).toHaveLength(1)
      expect(timing.waits).toEqual([])
    }
  })

  it.each([
    ['POST', new Response('', { status: 500 })],
    ['POST', new TypeError('fetch failed')],
    ['POST', json({}, { status: 429, headers: { 'retry-after': '0' } })],
    ['DELETE', new Response('', { status: 503 })],
    ['DELETE', new TypeError('fetch failed')],
  ] as const)('never retries %s (answer %#)', async (method, answer) => {
    const { fetch, requests } = scripted(answer, ok())
    const timing = recordedSleep()
    await expect(transport(fetch, {}, timing).request(method, '/threads/t/messages', { body: {} })).rejects.toThrow()
    expect(requests).toHaveLength(1)
    expect(timing.waits).toEqual([])
  })

  it('never retries a stream request', async () => {
    const { fetch, requests } = scripted(new Response('', { status: 503 }), ok())
    const t = transport(fetch, {}, recordedSleep())
    await expect(
      t.stream('/threads/t/runs', { stream: true }, undefined, undefined, new AbortController().signal),
    ).rejects.toThrow('503')
    expect(requests).toHaveLength(1)
  })

  it('stops at once when the signal aborts during the backoff sleep', async () => {
    const { fetch, requests } = scripted(json({}, { status: 503, headers: { 'retry-after-ms': '60000' } }))
    const controller = new AbortController()
    const reason = new Error('user navigated away')
    const waits: number[] = []
    let sleeping = (): void => {}
    const started = new Promise<void>((resolve) => {
      sleeping = resolve
    })
    const internals = {
      sleep: (ms: number, signal?: AbortSignal) => {
        waits.push(ms)
        sleeping()
        return sleep(ms, signal)
      },
    }
    const pending = transport(fetch, {}, internals).request('GET', '/t', { options: { signal: controller.signal } })
    await started
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    expect(waits).toEqual([60_000])
    expect(requests).toHaveLength(1)
  })
})

describe('createTransport errors', () => {
  it('reads the wire error inside { error } with x-request-id', async () => {
    const wire = {
      message: 'Thread thread_x already has an active run run_y.',
      type: 'invalid_request_error',
      param: null,
      code: null,
    }
    const { fetch } = scripted(json({ error: wire }, { status: 400, headers: { 'x-request-id': 'req_1' } }))
    const error = await caught(
      transport(fetch).request('POST', '/threads/thread_x/runs', { body: {}, query: { a: 1 } }),
    )
    expect(error).toBeInstanceOf(AssistantsError)
    expect(error.message).toBe('[POST] /threads/thread_x/runs: 400 Thread thread_x already has an active run run_y.')
    expect([error.code, error.status, error.requestId, error.method, error.path]).toEqual([
      'http',
      400,
      'req_1',
      'POST',
      '/threads/thread_x/runs',
    ])
    expect(error.details).toEqual(wire)
  })

  it('reads a bare wire error with Azure apim-request-id', async () => {
    const wire = { message: 'No assistant found.', type: 'invalid_request_error', param: null, code: 'not_found' }
    const { fetch } = scripted(json(wire, { status: 404, headers: { 'apim-request-id': 'apim-1' } }))
    const error = await caught(transport(fetch, { flavor: 'azure' }).request('GET', '/assistants/a'))
    expect(error.message).toBe('[GET] /assistants/a: 404 No assistant found.')
    expect(error.requestId).toBe('apim-1')
    expect(error.details).toEqual(wire)
  })

  it.each([
    [{ error: 'plain text error' }, 'plain text error'],
    [{ detail: 'Not Found' }, 'Not Found'],
    [{ error: { message: null, type: 'server_error', code: null } }, 'Service Unavailable'],
  ])('reads other JSON error shapes: %j', async (body, reason) => {
    const { fetch } = scripted(json(body, { status: 503, statusText: 'Service Unavailable' }))
    const error = await caught(transport(fetch, { maxRetries: 0 }).request('GET', '/t'))
    expect(error.message).toBe(`[GET] /t: 503 ${reason}`)
  })

  it('stays readable for an HTML gateway page', async () => {
    const page =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>'
    const html = (statusText: string) =>
      new Response(page, { status: 502, statusText, headers: { 'content-type': 'text/html' } })
    const withText = await caught(
      transport(scripted(html('Bad Gateway')).fetch, { maxRetries: 0 }).request('GET', '/threads/t'),
    )
    expect(withText.message).toBe('[GET] /threads/t: 502 Bad Gateway')
    expect(withText.details).toBe(page)
    // HTTP/2 has no status text: the page title is quoted instead.
    const withoutText = await caught(
      transport(scripted(html('')).fetch, { maxRetries: 0 }).request('GET', '/threads/t'),
    )
    expect(withoutText.message).toBe('[GET] /threads/t: 502 502 Bad Gateway')
  })

  it('quotes a short, tag-stripped excerpt of an untitled non-JSON body', async () => {
    const body = `<div>  upstream <b>exploded</b>\n</div>${'x'.repeat(300)}`
    const { fetch } = scripted(new Response(body, { status: 500 }))
    const error = await caught(transport(fetch).request('POST', '/t'))
    expect(error.message).toMatch(/^\[POST\] \/t: 500 upstream exploded x+…$/)
    expect(error.message.length).toBeLessThan(230)
  })

  it('says so when an error body is empty and there is no status text', async () => {
    const { fetch } = scripted(new Response(null, { status: 500 }))
    const error = await caught(transport(fetch).request('POST', '/t'))
    expect(error.message).toBe('[POST] /t: 500 (empty response body)')
    expect(error.details).toBeUndefined()
  })

  it.each([
    [
      'HTML',
      new Response('<html><title>Login</title></html>', { headers: { 'content-type': 'text/html' } }),
      /: expected a JSON object but got text\/html: Login$/,
    ],
    [
      'empty',
      new Response('', { headers: { 'content-type': 'application/json' } }),
      /: expected a JSON object but got application\/json and an empty body$/,
    ],
    ['a JSON array', json([1, 2]), /: expected a JSON object but got application\/json: \[1, ?2\]$/],
    [
      'truncated JSON',
      new Response('{"id": "thr', { headers: { 'content-type': 'application/json' } }),
      /: expected a JSON object but got application\/json: \{"id": "thr$/,
    ],
  ])('refuses a 200 whose body is %s with invalid_event', async (_, response, message) => {
    const error = await caught(transport(scripted(response).fetch).request('GET', '/threads/t'))
    expect(error.code).toBe('invalid_event')
    expect(error.status).toBe(200)
    expect(error.message).toMatch(message)
  })

  it('turns a slow answer into a timeout error (not retried)', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      )
    const { fetch, requests } = scripted(hang)
    const error = await caught(
      transport(fetch, { timeout: 60_000 }, recordedSleep()).request('GET', '/t', { options: { timeout: 5 } }),
    )
    expect(error.code).toBe('timeout')
    expect(error.message).toBe('[GET] /t: no response within 5 ms')
    expect(requests).toHaveLength(1)
  })

  it('wraps a network failure with its cause', async () => {
    const failure = new TypeError('fetch failed')
    const { fetch } = scripted(failure)
    const error = await caught(transport(fetch).request('POST', '/threads'))
    expect(error.code).toBe('network')
    expect(error.message).toBe('[POST] /threads: network error: fetch failed')
    expect(error.cause).toBe(failure)
  })

  it('reports a fetch that throws a non-Error as a network error with that cause', async () => {
    const fetch = async (): Promise<Response> => Promise.reject('socket closed')
    const error = await caught(transport(fetch, { maxRetries: 0 }).request('GET', '/t'))
    expect(error.code).toBe('network')
    expect(error.message).toBe('[GET] /t: network error: socket closed')
    expect(error.cause).toBe('socket closed')
  })

  it('passes an AssistantsError thrown by fetch through as it is', async () => {
    const failure = new AssistantsError('http', 'from a wrapper', { status: 418 })
    const error = await caught(transport(scripted(failure).fetch).request('POST', '/t'))
    expect(error).toBe(failure)
  })

  it('reports a body that fails while being read as a network error', async () => {
    const cause = new TypeError('terminated')
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(cause) })
    const { fetch } = scripted(new Response(body, { headers: { 'content-type': 'application/json' } }))
    const error = await caught(transport(fetch).request('POST', '/threads'))
    expect([error.code, error.message, error.cause]).toEqual([
      'network',
      '[POST] /threads: network error: terminated',
      cause,
    ])
  })

  it('refuses a circular body with a TypeError before sending', async () => {
    const { fetch, requests } = scripted(ok())
    const body: Record<string, unknown> = {}
    body['self'] = body
    const error = await transport(fetch)
      .request('POST', '/threads', { body })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).toMatch(/circular/i)
    expect(requests).toHaveLength(0)
  })

  it('refuses a getToken that resolves to something other than a string', async () => {
    const { fetch, requests } = scripted(ok())
    const getToken = async () => ({ token: 'x' }) as unknown as string
    await expect(transport(fetch, { getToken }).request('GET', '/t')).rejects.toThrow(
      'getToken() must resolve to a string.',
    )
    expect(requests).toHaveLength(0)
  })

  it('asks getToken again before each retry', async () => {
    const { fetch, requests } = scripted(new Response('', { status: 503 }), ok())
    let n = 0
    const t = transport(fetch, { getToken: async () => `token-${++n}` }, recordedSleep())
    await t.request('GET', '/t')
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2'])
  })

  it('passes a user abort through untouched, before and during the request', async () => {
    const reason = new DOMException('stop', 'AbortError')
    const before = scripted(ok())
    await expect(
      transport(before.fetch).request('GET', '/t', { options: { signal: AbortSignal.abort(reason) } }),
    ).rejects.toBe(reason)
    expect(before.requests).toHaveLength(0)

    const controller = new AbortController()
    const during = scripted((request) => {
      controller.abort(reason)
      return Promise.reject(request.signal.reason)
    })
    await expect(
      transport(during.fetch, {}, recordedSleep()).request('GET', '/t', { options: { signal: controller.signal } }),
    ).rejects.toBe(reason)
    expect(during.requests).toHaveLength(1)
  })
})

describe('createTransport stream', () => {
  const open = () => new AbortController().signal

  it('returns the event-stream body unread and sends Accept: text/event-stream', async () => {
    const { fetch, requests } = scripted(
      new Response('event: done\ndata: [DONE]\n\n', {
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      }),
    )
    const body = await transport(fetch).stream('/threads/t/runs', { stream: true }, undefined, undefined, open())
    expect(await new Response(body).text()).toBe('event: done\ndata: [DONE]\n\n')
    expect(requests[0]!.headers.get('accept')).toBe('text/event-stream')
    expect(requests[0]!.method).toBe('POST')
  })

  it('accepts an answer without a content type as an event stream', async () => {
    const { fetch } = scripted(new Response(new Blob(['event: done\ndata: [DONE]\n\n'])))
    const body = await transport(fetch).stream('/threads/t/runs', {}, undefined, undefined, open())
    expect(await new Response(body).text()).toBe('event: done\ndata: [DONE]\n\n')
  })

  it('passes the stream signal’s abort reason through untouched', async () => {
    const reason = new DOMException('left', 'AbortError')
    const { fetch, requests } = scripted(ok())
    const pending = transport(fetch).stream('/threads/t/runs', {}, undefined, undefined, AbortSignal.abort(reason))
    await expect(pending).rejects.toBe(reason)
    expect(requests).toHaveLength(0)
  })

  it('throws http for a JSON 4xx before any event', async () => {
    const { fetch } = scripted(json({ error: { message: 'Thread t already has an active run r.' } }, { status: 400 }))
    const error = await caught(transport(fetch).stream('/threads/t/runs', {}, undefined, undefined, open()))
    expect([error.code, error.status, error.message]).toEqual([
      'http',
      400,
      '[POST] /threads/t/runs: 400 Thread t already has an active run r.',
    ])
  })

  it('explains a 200 JSON answer (the server ignored stream: true)', async () => {
    const { fetch } = scripted(json({ id: 'run_1', object: 'thread.run' }))
    const error = await caught(transport(fetch).stream('/threads/t/runs', {}, undefined, undefined, open()))
    expect(error.code).toBe('invalid_event')
    expect(error.message).toBe(
      '[POST] /threads/t/runs: expected text/event-stream but got application/json: {"id":"run_1","object":"thread.run"}',
    )
    expect(error.details).toEqual({ id: 'run_1', object: 'thread.run' })
  })

  it('quotes an HTML 200 answer', async () => {
    const page = '<!doctype html><html><head><title>Sign in</title></head><body>…</body></html>'
    const { fetch } = scripted(new Response(page, { headers: { 'content-type': 'text/html' } }))
    const error = await caught(transport(fetch).stream('/threads/runs', {}, undefined, undefined, open()))
    expect(error.message).toBe('[POST] /threads/runs: expected text/event-stream but got text/html: Sign in')
  })

  it('aborts the request when the stream signal aborts', async () => {
    const controller = new AbortController()
    const { fetch, requests } = scripted(
      new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } }),
    )
    await transport(fetch).stream('/threads/t/runs', {}, undefined, undefined, controller.signal)
    expect(requests[0]!.signal.aborted).toBe(false)
    controller.abort()
    expect(requests[0]!.signal.aborted).toBe(true)
  })
})
