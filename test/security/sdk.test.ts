// The happy path: the real @skein/core client, configured as a browser would be (no key, the proxy as baseURL), against
// the emulator behind the proxy. Every route the client uses must pass the proxy's checks unchanged.
import { type AssistantStreamEvent, AssistantsError, createClient } from '@skein/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALLOWED_ASSISTANT, KEY, SESSIONS, type Stack, startStack } from './harness.ts'

let stack: Stack

beforeAll(async () => {
  stack = await startStack(
    {},
    {
      assistants: [
        {
          id: ALLOWED_ASSISTANT,
          model: 'gpt-4o',
          tools: [
            {
              type: 'function',
              function: {
                name: 'get_weather',
                description: 'Weather for a city',
                parameters: { type: 'object', properties: { location: { type: 'string' } } },
              },
            },
          ],
        },
      ],
    },
  )
})

afterAll(async () => {
  await stack?.close()
})

/** The client as a browser app creates it: a relative-looking proxy base URL and the user's session cookie. */
function browserClient(user: string) {
  return createClient({ baseURL: stack.api, headers: { cookie: SESSIONS[user] as string } })
}

describe('createProxy with the @skein/core client', () => {
  it('creates a thread, sends a message, streams a run and lists the messages', async () => {
    const client = browserClient('alice')
    const thread = await client.threads.create()
    expect(thread.metadata).toHaveProperty('skein_owner')
    await client.messages.create(thread.id, { role: 'user', content: 'Hello proxy' })

    const stream = client.runs.stream(thread.id, { assistant_id: ALLOWED_ASSISTANT })
    const names: string[] = []
    for await (const event of stream as AsyncIterable<AssistantStreamEvent>) names.push(event.event)
    const state = await stream.done()
    expect(state.status).toBe('completed')
    expect(names).toContain('thread.message.delta')
    expect(names.at(-1)).toBe('thread.run.completed')

    const messages = []
    for await (const message of client.messages.list(thread.id, { order: 'asc' })) messages.push(message)
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])

    const run = state.run
    expect(run?.assistant_id).toBe(ALLOWED_ASSISTANT)
    const retrieved = await client.runs.retrieve(thread.id, run?.id as string)
    expect(retrieved.status).toBe('completed')
    const steps = []
    for await (const step of client.steps.list(thread.id, run?.id as string)) steps.push(step)
    expect(steps.length).toBeGreaterThan(0)
    expect((await client.steps.retrieve(thread.id, run?.id as string, steps[0]?.id as string)).id).toBe(steps[0]?.id)
  })

  it('pages messages with cursors through the proxy', async () => {
    const client = browserClient('alice')
    const thread = await client.threads.create({
      messages: ['one', 'two', 'three'].map((content) => ({ role: 'user' as const, content })),
    })
    const pages = []
    for await (const page of client.messages.list(thread.id, { limit: 1, order: 'asc' }).pages()) pages.push(page)
    expect(pages.map((page) => page.data.map((message) => message.id))).toHaveLength(3)
  })

  it('runs a tool call round trip: requires_action, submit_tool_outputs streamed, completed', async () => {
    const client = browserClient('alice')
    const thread = await client.threads.create()
    await client.messages.create(thread.id, { role: 'user', content: 'Please call get_weather {"location":"Paris"}' })
    const first = await client.runs.stream(thread.id, { assistant_id: ALLOWED_ASSISTANT }).done()
    expect(first.status).toBe('requires_action')
    const call = first.requiredAction?.submit_tool_outputs?.tool_calls[0]
    expect(call?.function.name).toBe('get_weather')
    const second = await client.runs
      .submitToolOutputsStream(thread.id, first.run?.id as string, {
        tool_outputs: [{ tool_call_id: call?.id as string, output: 'sunny' }],
      })
      .done()
    expect(second.status).toBe('completed')
  })

  it('updates and deletes through the proxy, and another user cannot see the thread', async () => {
    const alice = browserClient('alice')
    const bob = browserClient('bob')
    const thread = await alice.threads.create({ metadata: { title: 'mine' } })
    const message = await alice.messages.create(thread.id, { role: 'user', content: 'note' })
    await alice.messages.update(thread.id, message.id, { metadata: { pinned: 'yes' } })
    expect((await alice.messages.retrieve(thread.id, message.id)).metadata).toEqual({ pinned: 'yes' })
    const updated = await alice.threads.update(thread.id, { metadata: { title: 'renamed' } })
    expect(updated.metadata).toMatchObject({ title: 'renamed', skein_owner: thread.metadata?.skein_owner })

    const error = await bob.threads.retrieve(thread.id).catch((caught: unknown) => caught)
    expect(AssistantsError.is(error) && error.status).toBe(404)
    expect(String(error)).not.toContain(KEY)

    expect((await alice.threads.delete(thread.id)).deleted).toBe(true)
    const gone = await alice.threads.retrieve(thread.id).catch((caught: unknown) => caught)
    expect(AssistantsError.is(gone) && gone.status).toBe(404)
  })

  it('creates a thread and run in one streamed call', async () => {
    const client = browserClient('bob')
    const state = await client.threads
      .createAndRunStream({
        assistant_id: ALLOWED_ASSISTANT,
        thread: { messages: [{ role: 'user', content: 'Hi in one go' }] },
      })
      .done()
    expect(state.status).toBe('completed')
    const threadId = state.thread?.id ?? state.run?.thread_id
    expect((await client.threads.retrieve(threadId as string)).id).toBe(threadId)
  })

  it('cancels a run through the proxy', async () => {
    const client = browserClient('alice')
    const thread = await client.threads.create()
    await client.messages.create(thread.id, { role: 'user', content: '[deltas:200] a long one' })
    stack.emulator.configure({ tokenDelayMs: 20 })
    try {
      const stream = client.runs.stream(thread.id, { assistant_id: ALLOWED_ASSISTANT })
      let runId: string | undefined
      for await (const event of stream as AsyncIterable<AssistantStreamEvent>) {
        if (event.event === 'thread.run.created') {
          runId = (event.data as { id: string }).id
          break
        }
      }
      const cancelled = await client.runs.cancel(thread.id, runId as string)
      expect(['cancelling', 'cancelled']).toContain(cancelled.status)
    } finally {
      stack.emulator.configure({ tokenDelayMs: 0 })
    }
  })
})
