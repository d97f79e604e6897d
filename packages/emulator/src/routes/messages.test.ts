import { describe, expect, it } from 'vitest'
import type { RestMessage } from '../objects.ts'
import type { ListPage } from '../pagination.ts'
import { harness } from '../testing/harness.ts'
import { manualClock } from '../testing/manualClock.ts'
import type { Run } from '../wire.ts'

const REST_KEYS = [
  'id',
  'object',
  'created_at',
  'assistant_id',
  'thread_id',
  'run_id',
  'role',
  'content',
  'attachments',
  'metadata',
]

describe('messageRoutes', () => {
  it('creates user and assistant messages in the REST shape (no status fields)', async () => {
    const { call, thread } = harness()
    const id = await thread()
    const user = await call<RestMessage>('POST', `/v1/threads/${id}/messages`, {
      role: 'user',
      content: 'hi',
      metadata: { k: 'v' },
    })
    expect(Object.keys(user.body)).toEqual(REST_KEYS)
    expect(user.body).toMatchObject({
      object: 'thread.message',
      thread_id: id,
      role: 'user',
      assistant_id: null,
      run_id: null,
      attachments: [],
      metadata: { k: 'v' },
    })
    expect(user.body.id).toMatch(/^msg_[A-Za-z0-9]{24}$/)
    const assistant = await call<RestMessage>('POST', `/v1/threads/${id}/messages`, {
      role: 'assistant',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
        { type: 'image_file', image_file: { file_id: 'file-abc' } },
      ],
      attachments: [{ file_id: 'file-abc', tools: [{ type: 'file_search' }] }],
    })
    expect(assistant.body.role).toBe('assistant')
    expect(assistant.body.content).toEqual([
      { type: 'text', text: { value: 'look', annotations: [] } },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
      { type: 'image_file', image_file: { file_id: 'file-abc' } },
    ])
    expect(assistant.body.attachments).toEqual([{ file_id: 'file-abc', tools: [{ type: 'file_search' }] }])
  })

  it('retrieves, updates metadata and deletes', async () => {
    const { call, thread } = harness()
    const id = await thread()
    const { body: created } = await call<RestMessage>('POST', `/v1/threads/${id}/messages`, {
      role: 'user',
      content: 'x',
    })
    const path = `/v1/threads/${id}/messages/${created.id}`
    expect((await call<RestMessage>('GET', path)).body).toEqual(created)
    expect((await call<RestMessage>('POST', path, { metadata: { seen: 'yes' } })).body.metadata).toEqual({
      seen: 'yes',
    })
    expect((await call('POST', path, { content: 'changed' })).body).toMatchObject({
      error: { message: "Unknown parameter: 'content'." },
    })
    expect((await call('DELETE', path)).body).toEqual({
      id: created.id,
      object: 'thread.message.deleted',
      deleted: true,
    })
    expect((await call('GET', path)).body).toMatchObject({
      error: { message: `No message found with id '${created.id}'.` },
    })
  })

  it('pages a thread with limit, order, after and before', async () => {
    const { call, thread } = harness()
    const id = await thread()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await call<RestMessage>('POST', `/v1/threads/${id}/messages`, { role: 'user', content: `m${i}` })).body.id,
      )
    }
    const page = (query: string) => call<ListPage<RestMessage>>('GET', `/v1/threads/${id}/messages?${query}`)
    const newest = (await page('limit=2')).body
    expect(newest.data.map((m) => m.id)).toEqual([ids[4], ids[3]])
    expect(newest).toMatchObject({ first_id: ids[4], last_id: ids[3], has_more: true })
    const older = (await page(`limit=2&after=${newest.last_id}`)).body
    expect(older.data.map((m) => m.id)).toEqual([ids[2], ids[1]])
    expect((await page(`limit=10&before=${ids[1]}`)).body.data.map((m) => m.id)).toEqual([ids[4], ids[3], ids[2]])
    expect((await page('order=asc&limit=1')).body.data[0]?.id).toBe(ids[0])
    expect((await page('limit=0')).status).toBe(400)
    expect((await page('limit=101')).status).toBe(400)
  })

  it('filters by run_id', async () => {
    const { call, thread, assistant } = harness()
    const assistantId = await assistant()
    const id = await thread('hello')
    const { body: run } = await call<Run>('POST', `/v1/threads/${id}/runs`, { assistant_id: assistantId })
    await expect
      .poll(async () => (await call<Run>('GET', `/v1/threads/${id}/runs/${run.id}`)).body.status)
      .toBe('completed')
    const { body } = await call<ListPage<RestMessage>>('GET', `/v1/threads/${id}/messages?run_id=${run.id}`)
    expect(body.data).toHaveLength(1)
    expect(body.data[0]).toMatchObject({ role: 'assistant', run_id: run.id })
    expect(Object.keys(body.data[0] ?? {})).toEqual(REST_KEYS)
  })

  it("refuses a message while a run is active, with the API's text", async () => {
    const control = manualClock()
    const { call, thread, assistant } = harness({ clock: control.clock, tokenDelayMs: 10 })
    const assistantId = await assistant()
    const id = await thread('hello')
    const { body: run } = await call<Run>('POST', `/v1/threads/${id}/runs`, { assistant_id: assistantId })
    const { status, body } = await call('POST', `/v1/threads/${id}/messages`, { role: 'user', content: 'again' })
    expect(status).toBe(400)
    expect(body).toEqual({
      error: {
        message: `Can't add messages to ${id} while a run ${run.id} is active.`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    })
  })

  it.each([
    [{ content: 'x' }, "Missing required parameter: 'role'."],
    [{ role: 'critic', content: 'x' }, "Invalid value: 'critic'. Supported values are: 'user' and 'assistant'."],
    [{ role: 'user' }, "Missing required parameter: 'content'."],
    [
      { role: 'user', content: [] },
      "Invalid 'content': empty array. Expected an array with minimum length 1, but got an empty array instead.",
    ],
    [
      { role: 'user', content: [{ type: 'audio' }] },
      "Invalid value: 'audio'. Supported values are: 'text', 'image_file', and 'image_url'.",
    ],
    [{ role: 'user', content: [{ type: 'text' }] }, "Missing required parameter: 'content[0].text'."],
    [
      { role: 'user', content: 42 },
      "Invalid type for 'content': expected a string or an array, but got an integer instead.",
    ],
    [{ role: 'user', content: 'x', name: 'Ada' }, "Unknown parameter: 'name'."],
    [
      { role: 'user', content: 'x', metadata: { k: 'v'.repeat(513) } },
      "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got a string with length 513 instead.",
    ],
  ])('rejects %j', async (body, message) => {
    const { call, thread } = harness()
    const id = await thread()
    const result = await call('POST', `/v1/threads/${id}/messages`, body)
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { message, type: 'invalid_request_error' } })
  })
})
