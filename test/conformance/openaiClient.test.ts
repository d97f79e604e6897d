// The official openai client (4.104.0) drives the emulator over real HTTP: the proof that it speaks the real wire.
import { createEmulator, type Emulator, type Listening, listen } from '@skein/emulator'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

let emulator: Emulator
let server: Listening
let client: OpenAI
let assistantId: string

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a location',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}

beforeAll(async () => {
  emulator = createEmulator()
  server = await listen(emulator, { port: 0, host: '127.0.0.1' })
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
})

afterAll(async () => {
  await server.close()
})

beforeEach(async () => {
  emulator.reset()
  assistantId = (await client.beta.assistants.create({ model: 'gpt-4o', name: 'Conformance', tools: [weather] })).id
})

describe('emulator + openai@4.104.0', () => {
  it('does thread and message CRUD', async () => {
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'first' }],
      metadata: { suite: 'conformance' },
    })
    expect(thread).toMatchObject({ object: 'thread', metadata: { suite: 'conformance' } })
    expect((await client.beta.threads.retrieve(thread.id)).id).toBe(thread.id)
    expect((await client.beta.threads.update(thread.id, { metadata: { suite: 'updated' } })).metadata).toEqual({
      suite: 'updated',
    })
    const message = await client.beta.threads.messages.create(thread.id, { role: 'assistant', content: 'second' })
    expect(message).toMatchObject({ role: 'assistant', thread_id: thread.id })
    expect((await client.beta.threads.messages.retrieve(thread.id, message.id)).id).toBe(message.id)
    const updated = await client.beta.threads.messages.update(thread.id, message.id, { metadata: { seen: '1' } })
    expect(updated.metadata).toEqual({ seen: '1' })
    const deleted = await client.beta.threads.messages.del(thread.id, message.id)
    expect(deleted).toMatchObject({ id: message.id, deleted: true })
    expect((await client.beta.threads.del(thread.id)).deleted).toBe(true)
    await expect(client.beta.threads.retrieve(thread.id)).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining(`No thread found with id '${thread.id}'.`),
    })
  })

  it('paginates messages with the cursor page (auto-pagination and order)', async () => {
    const thread = await client.beta.threads.create()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push((await client.beta.threads.messages.create(thread.id, { role: 'user', content: `m${i}` })).id)
    }
    const seen: string[] = []
    for await (const message of client.beta.threads.messages.list(thread.id, { limit: 2 })) seen.push(message.id)
    expect(seen).toEqual([...ids].reverse())
    const page = await client.beta.threads.messages.list(thread.id, { limit: 2, order: 'asc' })
    expect(page.data.map((message) => message.id)).toEqual(ids.slice(0, 2))
    expect(page.hasNextPage()).toBe(true)
    const next = await page.getNextPage()
    expect(next.data.map((message) => message.id)).toEqual(ids.slice(2, 4))
    const before = await client.beta.threads.messages.list(thread.id, { before: ids[2] ?? '', order: 'asc' })
    expect(before.data.map((message) => message.id)).toEqual(ids.slice(0, 2))
  })

  it('streams a run that the AssistantStream folds into final messages and run', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Hello, emulator!' }] })
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId })
    const deltas: string[] = []
    stream.on('textDelta', (delta) => deltas.push(delta.value ?? ''))
    const messages = await stream.finalMessages()
    const run = await stream.finalRun()
    expect(run.status).toBe('completed')
    expect(run.usage?.total_tokens).toBeGreaterThan(0)
    expect(messages).toHaveLength(1)
    const content = messages[0]?.content[0]
    expect(content?.type === 'text' && content.text.value).toBe(deltas.join(''))
    expect(deltas.join('')).toMatch(/^You said: "Hello, emulator!"/)
    const steps = await client.beta.threads.runs.steps.list(thread.id, run.id)
    expect(steps.data[0]).toMatchObject({ type: 'message_creation', status: 'completed' })
  })

  it('does a function-tool round trip with submitToolOutputsStream', async () => {
    const first = client.beta.threads.createAndRunStream({
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: 'get_weather in Paris' }] },
    })
    const waiting = await first.finalRun()
    expect(waiting.status).toBe('requires_action')
    const calls = waiting.required_action?.submit_tool_outputs.tool_calls ?? []
    expect(calls.map((call) => [call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['get_weather', { location: 'Paris' }],
    ])
    const second = client.beta.threads.runs.submitToolOutputsStream(waiting.thread_id, waiting.id, {
      tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: 'sunny, 21 °C' })),
    })
    const run = await second.finalRun()
    expect(run).toMatchObject({ id: waiting.id, status: 'completed' })
    const [message] = await second.finalMessages()
    const content = message?.content[0]
    expect(content?.type === 'text' && content.text.value).toContain('get_weather returned "sunny, 21 °C"')
  })

  it('polls a run to completion with createAndPoll', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'poll me' }] })
    const run = await client.beta.threads.runs.createAndPoll(
      thread.id,
      { assistant_id: assistantId },
      { pollIntervalMs: 5 },
    )
    expect(run.status).toBe('completed')
  })

  it('cancels a run', async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'delay_tokens', ms: 30 })
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: '[deltas:200]' }] })
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId })
    const cancelling = await client.beta.threads.runs.cancel(thread.id, run.id)
    expect(cancelling.status).toBe('cancelling')
    const final = await client.beta.threads.runs.poll(thread.id, run.id, { pollIntervalMs: 5 })
    expect(final.status).toBe('cancelled')
  })

  it("gets the API's 400 when a thread already has an active run", async () => {
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'delay_tokens', ms: 30 })
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'slow [deltas:100]' }] })
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId })
    const error = await client.beta.threads.runs
      .create(thread.id, { assistant_id: assistantId })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toBe(
      `400 Thread ${thread.id} already has an active run ${run.id}.`,
    )
    await expect(client.beta.threads.messages.create(thread.id, { role: 'user', content: 'x' })).rejects.toMatchObject({
      status: 400,
      message: `400 Can't add messages to ${thread.id} while a run ${run.id} is active.`,
    })
    await client.beta.threads.runs.cancel(thread.id, run.id)
  })
})
