// The emulator seen through @skein/core: every streamed event and REST object passes strict validation, and every
// fault kind surfaces as the documented AssistantsError or run status.
import {
  type AssistantStreamEvent,
  AssistantsError,
  type Client,
  createClient,
  parseEventStream,
  type RunStream,
} from '@skein/core'
import { strict } from '@skein/core/strict'
import { createEmulator, type Emulator, type Listening, listen } from '@skein/emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { splitEvents } from './sse.ts'

let emulator: Emulator
let server: Listening
let client: Client
let assistantId: string

const INCLUDE = 'include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'
const tools = ['get_weather', 'get_time'].map((name) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: { location: { type: 'string' } } } },
}))

beforeAll(async () => {
  emulator = createEmulator()
  server = await listen(emulator, { port: 0, host: '127.0.0.1' })
  client = createClient({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', validation: strict, maxRetries: 1 })
})

afterAll(async () => {
  await server.close()
})

beforeEach(async () => {
  emulator.reset()
  assistantId = (await client.assistants.create({ model: 'gpt-4o', tools: [...tools, { type: 'file_search' }] })).id
})

/** Streams a run over raw HTTP and parses the same bytes twice: plainly, and with @skein/core in strict mode. */
async function strictRun(text: string, query = '') {
  const thread = await client.threads.create({ messages: [{ role: 'user', content: text }] })
  const response = await fetch(`${server.url}/v1/threads/${thread.id}/runs${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ assistant_id: assistantId, stream: true }),
  })
  const [forCore, forSplit] = (response.body as ReadableStream<Uint8Array>).tee()
  const raw = splitEvents(await new Response(forSplit).text())
  const events: AssistantStreamEvent[] = []
  for await (const event of parseEventStream(forCore, { validation: strict })) events.push(event)
  return { thread, raw, events }
}

async function collect(stream: RunStream): Promise<AssistantStreamEvent[]> {
  const events: AssistantStreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

describe('emulator events through @skein/core (strict)', () => {
  it.each([
    ['a short reply', 'hello 🧵'],
    ['a long answer', 'a long answer please'],
    ['markdown', 'markdown'],
    ['exact deltas', '[deltas:300]'],
    ['parallel function calls', 'get_weather in Paris and get_time in Tokyo'],
    ['a file_search citation', 'search the files'],
  ])('validates every event of %s', async (_, text) => {
    const { raw, events } = await strictRun(text, `?${INCLUDE}`)
    expect(events.some((event) => 'unknown' in event)).toBe(false)
    // Every event but `done` comes through, each one validated.
    expect(events.map((event) => event.event)).toEqual(
      raw.map((event) => event.event).filter((name) => name !== 'done'),
    )
  })

  it('validates a tool round trip through createAndRunStream and submitToolOutputsStream', async () => {
    const first = client.threads.createAndRunStream({
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: 'get_weather in Oslo' }] },
    })
    const waiting = await first.done()
    expect(waiting.status).toBe('requires_action')
    expect(waiting.thread?.id).toMatch(/^thread_/)
    const calls = waiting.requiredAction?.submit_tool_outputs?.tool_calls ?? []
    const run = waiting.run
    if (!run) throw new Error('no run')
    const second = client.runs.submitToolOutputsStream(run.thread_id, run.id, {
      tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: 'snow' })),
    })
    const final = await second.done()
    expect(final.status).toBe('completed')
    expect(JSON.stringify(final.messages)).toContain('get_weather returned \\"snow\\"')
  })

  it('validates REST objects: threads, messages, runs, steps (with include[])', async () => {
    const { thread } = await strictRun('search the files', `?${INCLUDE}`)
    const messages = []
    for await (const message of client.messages.list(thread.id)) messages.push(message)
    expect(messages.map((message) => message.role)).toEqual(['assistant', 'user'])
    const runs = []
    for await (const run of client.runs.list(thread.id)) runs.push(run)
    expect(runs[0]?.status).toBe('completed')
    const steps = []
    for await (const step of client.steps.list(thread.id, runs[0]?.id ?? '')) steps.push(step)
    expect(steps).toHaveLength(2)
    expect((await client.threads.retrieve(thread.id)).id).toBe(thread.id)
  })

  it('validates a cancelled stream', async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'delay_tokens', ms: 20 })
    const thread = await client.threads.create({ messages: [{ role: 'user', content: '[deltas:500]' }] })
    const stream = client.runs.stream(thread.id, { assistant_id: assistantId })
    const events: AssistantStreamEvent[] = []
    let runId = ''
    for await (const event of stream) {
      events.push(event)
      if (!('unknown' in event) && event.event === 'thread.run.created') runId = event.data.id
      // Cancel once the reply has started; the open stream then reports the cancellation itself.
      if (event.event === 'thread.message.delta' && events.filter((e) => e.event === event.event).length === 2) {
        await client.runs.cancel(thread.id, runId)
      }
    }
    expect(events.map((event) => event.event).slice(-3)).toEqual([
      'thread.message.incomplete',
      'thread.run.step.cancelled',
      'thread.run.cancelled',
    ])
  })
})

describe('emulator faults through @skein/core', () => {
  it('a status fault is an http AssistantsError with the status and request id; POSTs are not retried', async () => {
    emulator.addFault({ match: 'POST /threads', kind: 'status', status: 500 })
    const error = await client.threads.create().catch((e: unknown) => e)
    expect(AssistantsError.is(error)).toBe(true)
    expect(error).toMatchObject({ code: 'http', status: 500 })
    expect((error as AssistantsError).requestId).toMatch(/^req_/)
    expect(emulator.stats().requests['POST /threads']).toBe(1)
  })

  it('a 429 on a GET is retried after Retry-After', async () => {
    const thread = await client.threads.create()
    emulator.addFault({ match: 'GET /threads/*', kind: 'status', status: 429, retryAfter: 0 })
    expect((await client.threads.retrieve(thread.id)).id).toBe(thread.id)
    expect(emulator.stats().requests['GET /threads/{thread_id}']).toBe(2)
  })

  it('a 503 surfaces once retries are spent', async () => {
    const thread = await client.threads.create()
    emulator.addFault({ match: 'GET /threads/*', kind: 'status', status: 503, retryAfter: 0, times: 2 })
    await expect(client.threads.retrieve(thread.id)).rejects.toMatchObject({ code: 'http', status: 503 })
  })

  it('a delay longer than the timeout is a timeout error', async () => {
    const slow = createClient({ baseURL: `${server.url}/v1`, timeout: 30, maxRetries: 0 })
    emulator.addFault({ match: 'POST /threads', kind: 'delay', ms: 300 })
    await expect(slow.threads.create()).rejects.toMatchObject({ code: 'timeout' })
  })

  it('a dropped stream is a network error, and the run still completes on the server', async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterEvents: 8 })
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'drop me' }] })
    const events: AssistantStreamEvent[] = []
    const error = await (async () => {
      for await (const event of client.runs.stream(thread.id, { assistant_id: assistantId })) events.push(event)
    })().catch((e: unknown) => e)
    expect(events).toHaveLength(8)
    expect(error).toMatchObject({ code: 'network' })
    const created = events[0]
    const runId = created && !('unknown' in created) && created.event === 'thread.run.created' ? created.data.id : ''
    expect((await client.runs.poll(thread.id, runId, { intervalMs: 5 })).status).toBe('completed')
  })

  it('a body cut after N bytes is a network error', async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterBytes: 700 })
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'cut' }] })
    await expect(collect(client.runs.stream(thread.id, { assistant_id: assistantId }))).rejects.toMatchObject({
      code: 'network',
    })
  })

  it('an error event is a stream_error carrying the wire error', async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'error_event', afterEvents: 3, message: 'Overloaded' })
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'x' }] })
    const error = await collect(client.runs.stream(thread.id, { assistant_id: assistantId })).catch((e: unknown) => e)
    expect(AssistantsError.is(error)).toBe(true)
    expect(error).toMatchObject({ code: 'stream_error' })
    expect(JSON.stringify((error as AssistantsError).details)).toContain('Overloaded')
  })

  it.each(['failed', 'incomplete', 'expired', 'cancelled'] as const)(
    'a run_outcome %s ends the stream cleanly with that status',
    async (status) => {
      emulator.addFault({ match: 'POST /threads/*/runs', kind: 'run_outcome', status, afterDeltas: 2 })
      const thread = await client.threads.create({ messages: [{ role: 'user', content: 'x' }] })
      const state = await client.runs.stream(thread.id, { assistant_id: assistantId }).done()
      expect(state.status).toBe(status)
      expect(state.messages[0]?.status).toBe('incomplete')
      if (status === 'failed') expect(state.lastError?.code).toBe('server_error')
    },
  )

  it('delay_tokens slows the run but it still completes', async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'delay_tokens', ms: 2 })
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'slowly' }] })
    expect((await client.runs.stream(thread.id, { assistant_id: assistantId }).done()).status).toBe('completed')
  })
})
