import { readFixture } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { strict } from '../strict.ts'
import type { Client } from './createClient.ts'
import { createClient, createClientWith } from './createClient.ts'
import type { ClientOptions } from './options.ts'
import type { MessageCreateParams } from './params.ts'

const INCLUDE = 'step_details.tool_calls[*].file_search.results[*].content'
const INCLUDE_QUERY = 'include[]=step_details.tool_calls%5B*%5D.file_search.results%5B*%5D.content'
const STREAM = readFixture('openai-dotnet_StreamingRunWorks_run-create.sse')

type Kind = 'object' | 'list' | 'stream'

interface Case {
  call: (client: Client) => unknown
  kind: Kind
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: string
  body?: unknown
}

const message = { role: 'user', content: 'Hi' } as const
const cases: Record<string, Case> = {
  'threads.create()': { call: (c) => c.threads.create(), kind: 'object', method: 'POST', path: '/threads', body: {} },
  'threads.create(body)': {
    call: (c) => c.threads.create({ messages: [message], metadata: { k: 'v' } }),
    kind: 'object',
    method: 'POST',
    path: '/threads',
    body: { messages: [message], metadata: { k: 'v' } },
  },
  'threads.retrieve': {
    call: (c) => c.threads.retrieve('thread a/b?'),
    kind: 'object',
    method: 'GET',
    path: '/threads/thread%20a%2Fb%3F',
  },
  'threads.update': {
    call: (c) => c.threads.update('thread_1', { metadata: { a: 'b' } }),
    kind: 'object',
    method: 'POST',
    path: '/threads/thread_1',
    body: { metadata: { a: 'b' } },
  },
  'threads.delete': {
    call: (c) => c.threads.delete('thread_1'),
    kind: 'object',
    method: 'DELETE',
    path: '/threads/thread_1',
  },
  'threads.createAndRun': {
    call: (c) => c.threads.createAndRun({ assistant_id: 'asst_1', thread: { messages: [message] } }),
    kind: 'object',
    method: 'POST',
    path: '/threads/runs',
    body: { assistant_id: 'asst_1', thread: { messages: [message] } },
  },
  'threads.createAndRunStream': {
    call: (c) => c.threads.createAndRunStream({ assistant_id: 'asst_1', thread: { messages: [message] } }),
    kind: 'stream',
    method: 'POST',
    path: '/threads/runs',
    body: { assistant_id: 'asst_1', thread: { messages: [message] }, stream: true },
  },
  'messages.create': {
    call: (c) =>
      c.messages.create('thread_1', { ...message, attachments: [{ file_id: 'f', tools: [{ type: 'file_search' }] }] }),
    kind: 'object',
    method: 'POST',
    path: '/threads/thread_1/messages',
    body: { ...message, attachments: [{ file_id: 'f', tools: [{ type: 'file_search' }] }] },
  },
  'messages.retrieve': {
    call: (c) => c.messages.retrieve('thread_1', 'msg_1'),
    kind: 'object',
    method: 'GET',
    path: '/threads/thread_1/messages/msg_1',
  },
  'messages.update': {
    call: (c) => c.messages.update('thread_1', 'msg_1', { metadata: { x: 'y' } }),
    kind: 'object',
    method: 'POST',
    path: '/threads/thread_1/messages/msg_1',
    body: { metadata: { x: 'y' } },
  },
  'messages.delete': {
    call: (c) => c.messages.delete('thread_1', 'msg_1'),
    kind: 'object',
    method: 'DELETE',
    path: '/threads/thread_1/messages/msg_1',
  },
  'messages.list': {
    call: (c) => c.messages.list('thread_1', { limit: 2, order: 'asc', run_id: 'run_1', before: 'msg_9' }).firstPage(),
    kind: 'list',
    method: 'GET',
    path: '/threads/thread_1/messages',
    query: 'limit=2&order=asc&run_id=run_1&before=msg_9',
  },
  'runs.create': {
    call: (c) => c.runs.create('thread_1', { assistant_id: 'asst_1', additional_messages: [] }, { include: [INCLUDE] }),
    kind: 'object',
    method: 'POST',
    path: '/threads/thread_1/runs',
    query: INCLUDE_QUERY,
    body: { assistant_id: 'asst_1', additional_messages: [] },
  },
  'runs.stream': {
    call: (c) => c.runs.stream('thread_1', { assistant_id: 'asst_1' }, { include: [INCLUDE] }),
    kind: 'stream',
    method: 'POST',
    path: '/threads/thread_1/runs',
    query: INCLUDE_QUERY,
    body: { assistant_id: 'asst_1', stream: true },
  },
  'runs.retrieve': {
    call: (c) => c.runs.retrieve('thread_1', 'run_1'),
    kind: 'object',
    method: 'GET',
    path: '/threads/thread_1/runs/run_1',
  },
  'runs.list': {
    call: (c) => c.runs.list('thread_1', { limit: 1, order: 'desc' }).firstPage(),
    kind: 'list',
    method: 'GET',
    path: '/threads/thread_1/runs',
    query: 'limit=1&order=desc',
  },
  'runs.cancel': {
    call: (c) => c.runs.cancel('thread_1', 'run_1'),
    kind: 'object',
    method: 'POST',
    path: '/threads/thread_1/runs/run_1/cancel',
  },
  'runs.poll': {
    call: (c) => c.runs.poll('thread_1', 'run_1'),
    kind: 'object',
    method: 'GET',
    path: '/threads/thread_1/runs/run_1',
  },
  'runs.submitToolOutputs': {
    call: (c) =>
      c.runs.submitToolOutputs('thread_1', 'run_1', { tool_outputs: [{ tool_call_id: 'call_1', output: 'ok' }] }),
    kind: 'object',
    method: 'POST',
    path: '/threads/thread_1/runs/run_1/submit_tool_outputs',
    body: { tool_outputs: [{ tool_call_id: 'call_1', output: 'ok' }] },
  },
  'runs.submitToolOutputsStream': {
    call: (c) =>
      c.runs.submitToolOutputsStream('thread_1', 'run_1', { tool_outputs: [{ tool_call_id: 'call_1', output: 'ok' }] }),
    kind: 'stream',
    method: 'POST',
    path: '/threads/thread_1/runs/run_1/submit_tool_outputs',
    body: { tool_outputs: [{ tool_call_id: 'call_1', output: 'ok' }], stream: true },
  },
  'steps.list': {
    call: (c) => c.steps.list('thread_1', 'run_1', { limit: 5, include: [INCLUDE] }).firstPage(),
    kind: 'list',
    method: 'GET',
    path: '/threads/thread_1/runs/run_1/steps',
    query: `limit=5&${INCLUDE_QUERY}`,
  },
  'steps.retrieve': {
    call: (c) => c.steps.retrieve('thread_1', 'run_1', 'step_1', { include: [INCLUDE] }),
    kind: 'object',
    method: 'GET',
    path: '/threads/thread_1/runs/run_1/steps/step_1',
    query: INCLUDE_QUERY,
  },
  'assistants.create': {
    call: (c) => c.assistants.create({ model: 'gpt-4o', name: 'Helper', tools: [{ type: 'code_interpreter' }] }),
    kind: 'object',
    method: 'POST',
    path: '/assistants',
    body: { model: 'gpt-4o', name: 'Helper', tools: [{ type: 'code_interpreter' }] },
  },
  'assistants.retrieve': {
    call: (c) => c.assistants.retrieve('asst_1'),
    kind: 'object',
    method: 'GET',
    path: '/assistants/asst_1',
  },
  'assistants.list': {
    call: (c) => c.assistants.list({ limit: 1 }).firstPage(),
    kind: 'list',
    method: 'GET',
    path: '/assistants',
    query: 'limit=1',
  },
  'assistants.update': {
    call: (c) => c.assistants.update('asst_1', { instructions: null }),
    kind: 'object',
    method: 'POST',
    path: '/assistants/asst_1',
    body: { instructions: null },
  },
  'assistants.delete': {
    call: (c) => c.assistants.delete('asst_1'),
    kind: 'object',
    method: 'DELETE',
    path: '/assistants/asst_1',
  },
}

const canned: Record<Kind, () => Response> = {
  object: () => Response.json({ id: 'obj_1', object: 'thread.run', status: 'completed' }),
  list: () => Response.json({ object: 'list', data: [], first_id: null, last_id: null, has_more: false }),
  stream: () => new Response(STREAM, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
}

/** Records each Request and answers with the canned response of the case's kind. */
function recorder(kind: Kind) {
  const requests: Request[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    requests.push(new Request(input, init))
    return canned[kind]()
  }
  return { fetch, requests }
}

/** Runs a client call to the end, whatever it returns (a promise or a RunStream). */
async function settle(result: unknown): Promise<void> {
  if (result instanceof Promise) {
    await result
    return
  }
  const stream = result as AsyncIterable<unknown> & { done(): Promise<unknown> }
  for await (const _ of stream) {
    // drain: the request is what is checked here
  }
  await stream.done()
}

const flavors: [string, Partial<ClientOptions>, string, Record<string, string>][] = [
  ['openai', { apiKey: 'sk-test' }, '', { authorization: 'Bearer sk-test', 'openai-beta': 'assistants=v2' }],
  [
    'azure',
    { flavor: 'azure', getToken: async () => 'entra-token' },
    'api-version=v1',
    { authorization: 'Bearer entra-token' },
  ],
]

describe('createClient', () => {
  for (const [flavor, options, version, auth] of flavors) {
    describe(`${flavor} flavor`, () => {
      it.each(Object.entries(cases))('%s sends the documented request', async (_, c) => {
        const { fetch, requests } = recorder(c.kind)
        const client = createClient({ baseURL: 'https://api.test/v1/', fetch, ...options })
        await settle(c.call(client))
        expect(requests).toHaveLength(1)
        const [request] = requests
        const search = [version, c.query ?? ''].filter(Boolean).join('&')
        expect(request!.method).toBe(c.method)
        expect(request!.url).toBe(`https://api.test/v1${c.path}${search ? `?${search}` : ''}`)
        const expected: Record<string, string> = {
          ...auth,
          accept: c.kind === 'stream' ? 'text/event-stream' : 'application/json',
        }
        if (c.body !== undefined) expected['content-type'] = 'application/json'
        expect(Object.fromEntries(request!.headers)).toEqual(expected)
        const text = await request!.text()
        expect(text === '' ? undefined : JSON.parse(text)).toEqual(c.body)
      })
    })
  }
})

describe('createClient behaviour', () => {
  const base = 'https://api.test/v1'

  it('uses a fetch replaced on the options after creation (read at call time)', async () => {
    const first = recorder('object')
    const second = recorder('object')
    const options: ClientOptions = { baseURL: base, fetch: first.fetch }
    const client = createClient(options)
    options.fetch = second.fetch
    await client.threads.retrieve('thread_1')
    expect([first.requests.length, second.requests.length]).toEqual([0, 1])
  })

  it('sends a POST /messages answered 500 exactly once', async () => {
    const requests: Request[] = []
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init))
      return Response.json({ error: { message: 'The server had an error.' } }, { status: 500 })
    }
    const waits: number[] = []
    const client = createClientWith({ baseURL: base, fetch }, { sleep: async (ms) => void waits.push(ms) })
    await expect(client.messages.create('thread_1', message)).rejects.toThrow(
      '[POST] /threads/thread_1/messages: 500 The server had an error.',
    )
    expect(requests).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('retries a GET through a resource and honours Retry-After', async () => {
    let n = 0
    const fetch = async () =>
      n++ === 0
        ? Response.json({ error: { message: 'busy' } }, { status: 429, headers: { 'retry-after': '1' } })
        : Response.json({ id: 'thread_1', object: 'thread', created_at: 1, metadata: {} })
    const waits: number[] = []
    const client = createClientWith({ baseURL: base, fetch }, { sleep: async (ms) => void waits.push(ms) })
    expect((await client.threads.retrieve('thread_1')).id).toBe('thread_1')
    expect(waits).toEqual([1000])
  })

  it('validates REST answers against the schemas with strict validation only', async () => {
    const fetch = async () => Response.json({ id: 'thread_1', object: 'thread.run', created_at: 1, metadata: {} })
    await expect(createClient({ baseURL: base, fetch }).threads.retrieve('thread_1')).resolves.toMatchObject({
      object: 'thread.run',
    })
    await expect(createClient({ baseURL: base, fetch, validation: 'off' }).threads.retrieve('t')).resolves.toBeDefined()
    await expect(
      createClient({ baseURL: base, fetch, validation: strict }).threads.retrieve('t'),
    ).rejects.toMatchObject({
      code: 'invalid_event',
      message: /^\[GET\] \/threads\/t: the response does not match its schema at object/,
    })
  })

  it('checks stream events with strict validation, imported from @skein/core/strict', async () => {
    const run = JSON.parse(/^event: thread\.run\.created\r?\ndata: (.*)$/m.exec(STREAM)![1]!)
    const body = `event: thread.run.created\ndata: ${JSON.stringify({ ...run, model: 42 })}\n\n`
    const fetch = async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    const lenient = await createClient({ baseURL: base, fetch })
      .runs.stream('t', { assistant_id: 'a' })
      .done()
      .catch((e: unknown) => e)
    expect(lenient).toMatchObject({ code: 'network' })
    const error = await createClient({ baseURL: base, fetch, validation: strict })
      .runs.stream('t', { assistant_id: 'a' })
      .done()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'invalid_event',
      event: 'thread.run.created',
      message: /^thread\.run\.created: model: /,
    })
  })

  it('refuses the string "strict" with a TypeError that names the import', () => {
    const options = { baseURL: base, validation: 'strict' } as unknown as ClientOptions
    expect(() => createClient(options)).toThrow(TypeError)
    expect(() => createClient(options)).toThrow(
      "createClient: validation must be 'lenient', 'off' or strict, got \"strict\". For strict validation, import { strict } from '@skein/core/strict' and pass validation: strict.",
    )
  })

  const misuse: [string, (client: Client) => unknown, RegExp][] = [
    ['threads.retrieve("")', (c) => c.threads.retrieve(''), /threadId must be a non-empty string, got ""/],
    ['threads.update("")', (c) => c.threads.update('', {}), /threadId/],
    ['threads.delete("")', (c) => c.threads.delete(''), /threadId/],
    ['messages.create("")', (c) => c.messages.create('', message), /threadId/],
    ['messages.retrieve(t, "")', (c) => c.messages.retrieve('t', ''), /messageId/],
    ['messages.update(t, "")', (c) => c.messages.update('t', '', {}), /messageId/],
    ['messages.delete(t, "")', (c) => c.messages.delete('t', ''), /messageId/],
    ['messages.list("")', (c) => c.messages.list(''), /threadId/],
    ['runs.create("")', (c) => c.runs.create('', { assistant_id: 'a' }), /threadId/],
    ['runs.stream("")', (c) => c.runs.stream('', { assistant_id: 'a' }), /threadId/],
    ['runs.retrieve(t, "")', (c) => c.runs.retrieve('t', ''), /runId/],
    ['runs.list("")', (c) => c.runs.list(''), /threadId/],
    ['runs.cancel(t, "")', (c) => c.runs.cancel('t', ''), /runId/],
    ['runs.poll(t, "")', (c) => c.runs.poll('t', ''), /runId/],
    ['runs.submitToolOutputs(t, "")', (c) => c.runs.submitToolOutputs('t', '', { tool_outputs: [] }), /runId/],
    [
      'runs.submitToolOutputsStream("")',
      (c) => c.runs.submitToolOutputsStream('', 'r', { tool_outputs: [] }),
      /threadId/,
    ],
    ['steps.list(t, "")', (c) => c.steps.list('t', ''), /runId/],
    ['steps.retrieve(t, r, "")', (c) => c.steps.retrieve('t', 'r', ''), /stepId/],
    ['assistants.retrieve("")', (c) => c.assistants.retrieve(''), /assistantId/],
    ['assistants.update("")', (c) => c.assistants.update('', {}), /assistantId/],
    ['assistants.delete("")', (c) => c.assistants.delete(''), /assistantId/],
    [
      'a thread object instead of its id',
      (c) => c.threads.retrieve({ id: 'thread_1' } as unknown as string),
      /threadId must be a non-empty string, got object\. Did you mean thread\.id\?/,
    ],
    ['undefined id', (c) => c.runs.retrieve(undefined as unknown as string, 'r'), /got undefined/],
    [
      'a missing body',
      (c) => c.messages.create('t', undefined as unknown as MessageCreateParams),
      /messages\.create needs a body object, got undefined\. Pass the JSON body of POST \/threads\/\*\/messages\./,
    ],
    ['an array body', (c) => c.threads.create([] as never), /threads\.create needs a body object, got an array/],
    [
      'stream: true on createAndRun',
      (c) => c.threads.createAndRun({ assistant_id: 'a', stream: true } as never),
      /Did you mean threads\.createAndRunStream\(\)\?/,
    ],
    [
      'stream: true on submitToolOutputs',
      (c) => c.runs.submitToolOutputs('t', 'r', { tool_outputs: [], stream: true } as never),
      /Did you mean runs\.submitToolOutputsStream\(\)\?/,
    ],
  ]

  it.each(misuse)('throws a TypeError for %s without sending anything', async (_, call, message) => {
    const { fetch, requests } = recorder('object')
    const client = createClient({ baseURL: base, fetch })
    await expect(async () => call(client)).rejects.toThrow(TypeError)
    await expect(async () => call(client)).rejects.toThrow(message)
    expect(requests).toHaveLength(0)
  })

  const badOptions: [string, unknown, RegExp][] = [
    ['no options', undefined, /needs an options object/],
    ['no baseURL', {}, /baseURL must be a non-empty string/],
    ['an empty baseURL', { baseURL: ' ' }, /baseURL must be a non-empty string/],
    [
      'a query in baseURL',
      { baseURL: 'https://x/v1?api-version=v1' },
      /baseURL must not hold a query; use the apiVersion option/,
    ],
    ['apiKey and getToken', { baseURL: base, apiKey: 'k', getToken: async () => 't' }, /apiKey or getToken, not both/],
    ['a getToken string', { baseURL: base, getToken: 'token' }, /getToken must be a function/],
    ['a fetch object', { baseURL: base, fetch: {} }, /fetch must be a function/],
    ['an unknown flavor', { baseURL: base, flavor: 'Azure' }, /flavor must be 'openai' or 'azure', got "Azure"/],
    [
      'an unknown validation',
      { baseURL: base, validation: 'loose' },
      /validation must be 'lenient', 'off' or strict, got "loose"/,
    ],
    ['a validation object without its checks', { baseURL: base, validation: { event: () => 1 } }, /got object/],
    ['a zero timeout', { baseURL: base, timeout: 0 }, /timeout must be a positive number, got 0\./],
    ['a roles object that is not a codec', { baseURL: base, roles: { critic: {} } }, /roles must be a codec/],
    ['a fractional maxRetries', { baseURL: base, maxRetries: 1.5 }, /maxRetries must be a whole number/],
    ['a negative maxRetries', { baseURL: base, maxRetries: -1 }, /maxRetries must be a whole number/],
  ]

  it.each(badOptions)('refuses %s with a TypeError', (_, options, message) => {
    expect(() => createClient(options as ClientOptions)).toThrow(TypeError)
    expect(() => createClient(options as ClientOptions)).toThrow(message)
  })

  it('creates plain objects whose methods work unbound', async () => {
    const { fetch, requests } = recorder('object')
    const { threads } = createClient({ baseURL: base, fetch })
    const { retrieve } = threads
    await retrieve('thread_1')
    expect(requests[0]!.url).toBe(`${base}/threads/thread_1`)
  })
})
