import { readFixture } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent } from '../schemas/index.ts'
import { createClient, createClientWith } from './createClient.ts'
import type { ClientOptions } from './options.ts'

const RUN_CREATE = 'openai-dotnet_StreamingRunWorks_run-create.sse'
const REQUIRES_ACTION = 'openai-dotnet_StreamingToolCall_thread-and-run_requires-action.sse'
const SUBMIT = 'openai-dotnet_StreamingToolCall_submit-tool-outputs.sse'

/** Event names and the data of the named events, read from a fixture (the source of every expectation here). */
function recorded(name: string) {
  const text = readFixture(name)
  const events = [...text.matchAll(/^event: (.+)\r?\ndata: (.*)$/gm)].map(([, event, data]) => ({ event, data }))
  const dataOf = (event: string) => events.filter((e) => e.event === event).map((e) => JSON.parse(e.data!))
  return { text, names: events.map((e) => e.event).filter((event) => event !== 'done'), dataOf }
}

const sse = (body: BodyInit) => new Response(body, { headers: { 'content-type': 'text/event-stream' } })
const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } })

/** An injected fetch answering every request with `answer`; records the Requests. */
function serving(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    requests.push(request)
    return answer(request)
  }
  return { fetch, requests }
}

function client(fetch: ClientOptions['fetch'], options: Partial<ClientOptions> = {}) {
  return createClient({ baseURL: 'https://api.test/v1', apiKey: 'sk', fetch, ...options })
}

async function collect(stream: AsyncIterable<AssistantStreamEvent>): Promise<AssistantStreamEvent[]> {
  const events: AssistantStreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

describe('runs.stream', () => {
  it('returns a RunStream synchronously, yields typed events and done() gives the final state', async () => {
    const fixture = recorded(RUN_CREATE)
    const { fetch, requests } = serving(() => sse(fixture.text))
    const stream = client(fetch).runs.stream('thread_1', { assistant_id: 'asst_1' })
    expect(stream).not.toBeInstanceOf(Promise)
    const events = await collect(stream)
    expect(events.map((e) => e.event)).toEqual(fixture.names)
    const [completed] = fixture.dataOf('thread.message.completed')
    const delta = events.find((e) => e.event === 'thread.message.delta')
    expect((delta?.data as { id?: unknown } | undefined)?.id).toBe(completed.id)
    const state = await stream.done()
    expect(state.status).toBe('completed')
    expect(state.run?.id).toBe(fixture.dataOf('thread.run.completed')[0].id)
    const text = state.messages[0]?.content[0]
    expect(text?.type === 'text' && text.text.value).toBe(completed.content[0].text.value)
    expect(requests).toHaveLength(1)
  })

  it('throws the http error before any event for a JSON 4xx answer', async () => {
    const wire = { message: 'Thread thread_1 already has an active run run_9.', type: 'invalid_request_error' }
    const { fetch } = serving(() => json({ error: wire }, { status: 400, headers: { 'x-request-id': 'req_9' } }))
    const stream = client(fetch).runs.stream('thread_1', { assistant_id: 'asst_1' })
    const seen: string[] = []
    const error = await (async () => {
      for await (const event of stream) seen.push(event.event)
    })().catch((e: unknown) => e)
    expect(seen).toEqual([])
    expect(AssistantsError.is(error)).toBe(true)
    expect(error).toMatchObject({ code: 'http', status: 400, requestId: 'req_9', details: wire })
    expect(String((error as Error).message)).toBe(
      '[POST] /threads/thread_1/runs: 400 Thread thread_1 already has an active run run_9.',
    )
    await expect(stream.done()).rejects.toBe(error)
  })

  it('gives a clear error for an HTML page answered with 200', async () => {
    const { fetch } = serving(
      () => new Response('<html><title>Gateway login</title></html>', { headers: { 'content-type': 'text/html' } }),
    )
    const error = await client(fetch)
      .runs.stream('thread_1', { assistant_id: 'asst_1' })
      .done()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_event', status: 200 })
    expect((error as Error).message).toBe(
      '[POST] /threads/thread_1/runs: expected text/event-stream but got text/html: Gateway login',
    )
  })

  it('aborts the request when the loop breaks', async () => {
    const first = `${recorded(RUN_CREATE).text.split('\n\n')[0]}\n\n`
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(first)),
    })
    const { fetch, requests } = serving(() => sse(body))
    const stream = client(fetch).runs.stream('thread_1', { assistant_id: 'asst_1' })
    for await (const event of stream) {
      expect(event.event).toBe('thread.run.created')
      break
    }
    expect(requests[0]!.signal.aborted).toBe(true)
    expect(stream.signal.aborted).toBe(true)
  })

  it('passes a user abort through untouched', async () => {
    const first = `${recorded(RUN_CREATE).text.split('\n\n')[0]}\n\n`
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(first)),
    })
    const { fetch, requests } = serving(() => sse(body))
    const controller = new AbortController()
    const reason = new DOMException('user left', 'AbortError')
    const stream = client(fetch).runs.stream('thread_1', { assistant_id: 'asst_1' }, undefined, {
      signal: controller.signal,
    })
    const error = await (async () => {
      for await (const _ of stream) controller.abort(reason)
    })().catch((e: unknown) => e)
    expect(error).toBe(reason)
    expect(requests[0]!.signal.aborted).toBe(true)
  })

  it('refuses stream: true on runs.create, pointing at runs.stream', async () => {
    const { fetch, requests } = serving(() => json({}))
    const body = { assistant_id: 'asst_1', stream: true } as unknown as { assistant_id: string }
    await expect(client(fetch).runs.create('thread_1', body)).rejects.toThrow('Did you mean runs.stream()?')
    expect(requests).toHaveLength(0)
  })

  // Request options come after the query: passed third, `timeout` would be sent as `?timeout=100` and `signal`
  // refused as a query value with a message that does not say why.
  it.each([
    ['runs.stream', { signal: AbortSignal.abort() }, 'signal'],
    ['runs.create', { timeout: 100 }, 'timeout'],
    ['runs.create', { headers: { 'x-a': '1' } }, 'headers'],
    ['runs.stream', { initialState: undefined }, 'initialState'],
  ] as const)('%s refuses request options in the place of the query (%o)', async (method, third, key) => {
    const { fetch, requests } = serving(() => json({}))
    const runs = client(fetch).runs
    const call = (): unknown =>
      method === 'runs.stream'
        ? runs.stream('thread_1', { assistant_id: 'asst_1' }, third as never)
        : runs.create('thread_1', { assistant_id: 'asst_1' }, third as never)
    const expected = `${method}: ${key} is a request option, not a query parameter: pass it after the query (undefined if none).`
    if (method === 'runs.stream') expect(call).toThrow(new TypeError(expected))
    else await expect(call()).rejects.toThrow(new TypeError(expected))
    expect(requests).toHaveLength(0)
  })

  it('takes request options after the query, and the query when it holds include', async () => {
    const { fetch, requests } = serving(() => json({ id: 'run_1', object: 'thread.run', status: 'queued' }))
    await client(fetch).runs.create(
      'thread_1',
      { assistant_id: 'asst_1' },
      { include: ['step_details.tool_calls[*].file_search.results[*].content'] },
      { headers: { 'x-trace': 't1' } },
    )
    await client(fetch).runs.create('thread_1', { assistant_id: 'asst_1' }, undefined, { timeout: 5_000 })
    expect(new URL(requests[0]!.url).searchParams.getAll('include[]')).toEqual([
      'step_details.tool_calls[*].file_search.results[*].content',
    ])
    expect(requests[0]!.headers.get('x-trace')).toBe('t1')
    expect(new URL(requests[1]!.url).search).toBe('')
  })

  it('refuses request options in the place of a list query', () => {
    const { fetch, requests } = serving(() => json({ data: [], has_more: false }))
    expect(() => client(fetch).messages.list('thread_1', { signal: AbortSignal.abort() } as never)).toThrow(
      'messages.list: signal is a request option',
    )
    expect(requests).toHaveLength(0)
  })
})

describe('runs.stream content type', () => {
  const body =
    'event: thread.run.completed\ndata: {"id":"run_1","object":"thread.run","status":"completed"}\n\nevent: done\ndata: [DONE]\n\n'
  it.each([
    ['an empty', ''],
    ['no', null],
    ['a parameterised', 'Text/Event-Stream; charset=utf-8'],
  ])('reads a stream sent with %s Content-Type', async (_, type) => {
    const client = createClient({
      baseURL: 'https://api.test/v1',
      fetch: async () => {
        const response = new Response(body)
        if (type === null) response.headers.delete('content-type')
        else response.headers.set('content-type', type)
        return response
      },
    })
    const state = await client.runs.stream('thread_1', { assistant_id: 'asst_1' }).done()
    expect(state.status).toBe('completed')
  })
})

describe('threads.createAndRunStream', () => {
  it('ends at requires_action with the tool calls to answer', async () => {
    const fixture = recorded(REQUIRES_ACTION)
    const { fetch } = serving(() => sse(fixture.text))
    const stream = client(fetch, { flavor: 'azure' }).threads.createAndRunStream({ assistant_id: 'asst_1' })
    const events = await collect(stream)
    expect(events.map((e) => e.event)).toEqual(fixture.names)
    const state = await stream.done()
    const [waiting] = fixture.dataOf('thread.run.requires_action')
    expect(state.status).toBe('requires_action')
    expect(state.thread?.id).toBe(fixture.dataOf('thread.created')[0].id)
    expect(state.requiredAction).toEqual(waiting.required_action)
  })
})

describe('runs.submitToolOutputsStream', () => {
  it('continues the run to its end', async () => {
    const fixture = recorded(SUBMIT)
    const { fetch, requests } = serving(() => sse(fixture.text))
    const stream = client(fetch).runs.submitToolOutputsStream('thread_1', 'run_1', {
      tool_outputs: [{ tool_call_id: 'call_1', output: 'warm and sunny' }],
    })
    const state = await stream.done()
    expect(state.status).toBe('completed')
    expect(await requests[0]!.json()).toEqual({
      tool_outputs: [{ tool_call_id: 'call_1', output: 'warm and sunny' }],
      stream: true,
    })
  })

  it('folds onto the initialState it is given: the state of the stream that asked for the outputs', async () => {
    const before = recorded(REQUIRES_ACTION)
    const after = recorded(SUBMIT)
    const api = serving((request) => sse(request.url.includes('submit_tool_outputs') ? after.text : before.text))
    const first = await client(api.fetch).threads.createAndRunStream({ assistant_id: 'asst_1' }).done()
    expect(first.status).toBe('requires_action')
    const initialState = { ...first, steps: first.steps.slice() }
    const body = { tool_outputs: [{ tool_call_id: 'call_1', output: 'warm and sunny' }] }
    const fresh = await client(api.fetch).runs.submitToolOutputsStream('thread_1', 'run_1', body).done()
    const continued = await client(api.fetch)
      .runs.submitToolOutputsStream('thread_1', 'run_1', body, { initialState })
      .done()
    // What only the first stream saw (the thread it created) is still there, next to what streamed after the outputs.
    expect(fresh.thread).toBeNull()
    expect(continued.thread).not.toBeNull()
    expect(continued.thread).toBe(initialState.thread)
    expect(continued.steps.map((step) => step.id)).toEqual(fresh.steps.map((step) => step.id))
    expect(continued.status).toBe('completed')
  })
})

describe('runs.poll', () => {
  const run = (status: string) => ({ id: 'run_1', object: 'thread.run', status })

  function polling(statuses: string[], headers: Record<string, string>[] = []) {
    let n = 0
    const served = serving(() => {
      const i = Math.min(n++, statuses.length - 1)
      return json(run(statuses[i]!), { headers: headers[i] ?? {} })
    })
    const waits: number[] = []
    const sleep = async (ms: number) => void waits.push(ms)
    const c = createClientWith({ baseURL: 'https://api.test/v1', fetch: served.fetch }, { sleep })
    return { ...served, waits, client: c }
  }

  it('reads until the run is terminal, waiting intervalMs or openai-poll-after-ms', async () => {
    const p = polling(['queued', 'in_progress', 'cancelling', 'cancelled'], [{}, { 'openai-poll-after-ms': '250' }])
    const final = await p.client.runs.poll('thread_1', 'run_1', { intervalMs: 40 })
    expect(final.status).toBe('cancelled')
    expect(p.requests).toHaveLength(4)
    expect(p.waits).toEqual([40, 250, 40])
    expect(p.requests.every((r) => r.method === 'GET' && r.url.endsWith('/threads/thread_1/runs/run_1'))).toBe(true)
  })

  it.each(['-1', '0', 'NaN', 'Infinity', '60001', '1e9'])(
    'ignores an openai-poll-after-ms of %s and waits intervalMs',
    async (hint) => {
      const p = polling(['in_progress', 'completed'], [{ 'openai-poll-after-ms': hint }])
      await p.client.runs.poll('thread_1', 'run_1', { intervalMs: 70 })
      expect(p.waits).toEqual([70])
    },
  )

  it('stops at requires_action, and waits one second by default', async () => {
    const p = polling(['in_progress', 'requires_action'])
    expect((await p.client.runs.poll('thread_1', 'run_1')).status).toBe('requires_action')
    expect(p.waits).toEqual([1000])
  })

  it.each(['completed', 'failed', 'incomplete', 'expired'])('returns a %s run at once', async (status) => {
    const p = polling([status])
    expect((await p.client.runs.poll('thread_1', 'run_1')).status).toBe(status)
    expect(p.waits).toEqual([])
  })

  it('stops when the signal aborts during the wait', async () => {
    const served = serving(() => json(run('in_progress')))
    const controller = new AbortController()
    const reason = new Error('unmounted')
    const pending = client(served.fetch).runs.poll('thread_1', 'run_1', {
      signal: controller.signal,
      intervalMs: 60_000,
    })
    await expect.poll(() => served.requests.length).toBe(1)
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    expect(served.requests).toHaveLength(1)
  })

  it('returns a run in a status it does not know instead of polling forever', async () => {
    const p = polling(['queued', 'paused'])
    expect((await p.client.runs.poll('thread_1', 'run_1')).status).toBe('paused')
    expect(p.requests).toHaveLength(2)
  })

  it('refuses a run without a status instead of polling forever', async () => {
    const served = serving(() => json({ id: 'run_1', object: 'thread.run' }))
    const error = await client(served.fetch)
      .runs.poll('thread_1', 'run_1')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_event' })
  })
})
