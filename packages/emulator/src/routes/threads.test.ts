import { describe, expect, it } from 'vitest'
import type { RestMessage } from '../objects.ts'
import type { ListPage } from '../pagination.ts'
import { harness } from '../testing/harness.ts'
import type { Thread } from '../wire.ts'

describe('threadRoutes', () => {
  it('creates a thread with initial messages, as the REST API answers', async () => {
    const { call } = harness()
    const { body } = await call<Thread>('POST', '/v1/threads', {
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: [{ type: 'text', text: 'second' }], metadata: { by: 'seed' } },
      ],
      metadata: { topic: 'demo' },
    })
    expect(Object.keys(body)).toEqual(['id', 'object', 'created_at', 'metadata', 'tool_resources'])
    expect(body).toMatchObject({ object: 'thread', metadata: { topic: 'demo' }, tool_resources: {} })
    expect(Number.isInteger(body.created_at)).toBe(true)
    const list = await call<ListPage<RestMessage>>('GET', `/v1/threads/${body.id}/messages?order=asc`)
    expect(list.body.data.map((m) => [m.role, m.content[0]])).toEqual([
      ['user', { type: 'text', text: { value: 'first', annotations: [] } }],
      ['assistant', { type: 'text', text: { value: 'second', annotations: [] } }],
    ])
  })

  it('accepts a POST /threads without a body', async () => {
    const { raw } = harness()
    const response = await raw('POST', '/v1/threads')
    expect(response.status).toBe(200)
  })

  it('retrieves with code_interpreter tool_resources filled in, as GET did on the real API', async () => {
    const { call, thread } = harness()
    const id = await thread()
    expect((await call<Thread>('GET', `/v1/threads/${id}`)).body.tool_resources).toEqual({
      code_interpreter: { file_ids: [] },
    })
  })

  it('updates metadata and tool_resources', async () => {
    const { call, thread } = harness()
    const id = await thread()
    const { body } = await call<Thread>('POST', `/v1/threads/${id}`, { metadata: { a: 'b' } })
    expect(body.metadata).toEqual({ a: 'b' })
    expect((await call('POST', `/v1/threads/${id}`, { messages: [] })).status).toBe(400)
  })

  it('deletes a thread, its messages and runs', async () => {
    const { call, thread } = harness()
    const id = await thread('hello')
    expect((await call('DELETE', `/v1/threads/${id}`)).body).toEqual({ id, object: 'thread.deleted', deleted: true })
    expect((await call('GET', `/v1/threads/${id}/messages`)).status).toBe(404)
  })

  it('answers 404 with the API text for an unknown thread on every thread route', async () => {
    const { call } = harness()
    const paths = [
      ['GET', '/v1/threads/thread_x'],
      ['POST', '/v1/threads/thread_x'],
      ['DELETE', '/v1/threads/thread_x'],
      ['GET', '/v1/threads/thread_x/messages'],
      ['POST', '/v1/threads/thread_x/messages'],
      ['GET', '/v1/threads/thread_x/runs'],
      ['POST', '/v1/threads/thread_x/runs'],
    ]
    for (const [method = '', path = ''] of paths) {
      const { status, body } = await call(method, path, method === 'POST' ? {} : undefined)
      expect(status).toBe(404)
      expect(body).toMatchObject({ error: { message: "No thread found with id 'thread_x'." } })
    }
  })

  it('lists threads (Azure) with pagination', async () => {
    const { call, thread } = harness()
    const a = await thread()
    const b = await thread()
    const { body } = await call<ListPage<Thread>>('GET', '/v1/threads?order=asc')
    expect(body.data.map((t) => t.id)).toEqual([a, b])
  })

  it('rejects metadata over the limits and bad initial messages', async () => {
    const { call } = harness()
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))
    expect((await call('POST', '/v1/threads', { metadata: tooMany })).body).toMatchObject({
      error: { param: 'metadata', code: 'object_above_max_properties' },
    })
    expect((await call('POST', '/v1/threads', { messages: [{ role: 'system', content: 'x' }] })).body).toMatchObject({
      error: {
        message: "Invalid value: 'system'. Supported values are: 'user' and 'assistant'.",
        param: 'messages[0].role',
        code: 'invalid_value',
      },
    })
    expect(
      (
        await call('POST', '/v1/threads', {
          messages: [{ role: 'user', content: 'x', metadata: { ['k'.repeat(65)]: 'v' } }],
        })
      ).status,
    ).toBe(400)
    const invalid = await call('POST', '/v1/threads', '{"messages": [')
    expect(invalid.status).toBe(400)
    expect(invalid.body).toMatchObject({
      error: { message: expect.stringMatching(/^We could not parse the JSON body/) },
    })
  })
})
