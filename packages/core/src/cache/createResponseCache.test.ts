// Unit behaviour of the cache (options, save's refusals, storage reads) on the default memory storage. The full
// suite against the emulator, for the memory and Redis drivers, is test/cache/responseCache.test.ts.
import { createEmulator } from '@skein/emulator'
import { createStorage } from 'unstorage'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import type { Message } from '../schemas/index.ts'
import { cachedReplyMessage, isCachedMessage } from './cachedReply.ts'
import { createResponseCache } from './createResponseCache.ts'

const KEY = 'ab'.repeat(32)

function reply(extra: Partial<Message> = {}): Message {
  return {
    id: 'msg_reply',
    object: 'thread.message',
    created_at: 1_700_000_000,
    thread_id: 'thread_1',
    role: 'assistant',
    status: 'completed',
    content: [
      {
        type: 'text',
        text: {
          value: 'See the report【4:0†notes.txt】.',
          annotations: [
            {
              type: 'file_citation',
              text: '【4:0†notes.txt】',
              file_citation: { file_id: 'file_1' },
              start_index: 14,
              end_index: 29,
            },
          ],
        },
      },
    ],
    assistant_id: 'asst_1',
    run_id: 'run_1',
    attachments: [],
    metadata: {},
    ...extra,
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createResponseCache', () => {
  it('stores a completed reply as postable content and replays it marked as cached', async () => {
    const cache = createResponseCache()
    await cache.save(KEY, reply({ metadata: { topic: 'x' } }))
    const hit = await cache.get(KEY)
    expect(hit).toMatchObject({
      content: [{ type: 'text', text: 'See the report【4:0†notes.txt】.' }],
      metadata: { topic: 'x' },
      created_at: 1_700_000_000,
    })
    const body = cachedReplyMessage(hit!)
    expect(body).toEqual({ role: 'assistant', content: hit?.content, metadata: { topic: 'x', skein_cached: '1' } })
    expect(isCachedMessage(body)).toBe(true)
    expect(isCachedMessage(reply())).toBe(false)
  })

  it('accepts plain text, request parts and images', async () => {
    const cache = createResponseCache()
    await cache.save(KEY, { content: 'Paris.' })
    expect((await cache.get(KEY))?.content).toEqual([{ type: 'text', text: 'Paris.' }])
    const image = { type: 'image_file', image_file: { file_id: 'file_9', detail: 'low' } } as const
    await cache.save(KEY, { content: [image, { type: 'text', text: 'A chart.' }], created_at: 5 })
    expect(await cache.get(KEY)).toMatchObject({ content: [image, { type: 'text', text: 'A chart.' }], created_at: 5 })
  })

  it.each([
    ['an in-progress reply', reply({ status: 'in_progress' }), /only completed replies/],
    ['an incomplete reply', reply({ status: 'incomplete' }), /only completed replies/],
    [
      'incomplete details',
      reply({ status: undefined, incomplete_details: { reason: 'max_tokens' } }),
      /incomplete_details/,
    ],
    ['a user message', reply({ role: 'user' }), /must be an assistant message/],
    ['an empty reply', reply({ content: [{ type: 'text', text: { value: '', annotations: [] } }] }), /empty/],
    ['a refusal', reply({ content: [{ type: 'refusal', refusal: 'No.' }] }), /refusal/],
    ['an unknown part', { content: [{ type: 'audio' }] }, /content\[0\] is not a text/],
    ['content that is not an array', { content: 5 }, /string or an array/],
    ['a bad created_at', { content: 'x', created_at: Number.NaN }, /created_at/],
    ['null', null, /reply must be an object/],
  ])('refuses %s with a TypeError and stores nothing', async (_, value, message) => {
    const cache = createResponseCache()
    await expect(cache.save(KEY, value as never)).rejects.toThrow(message)
    await expect(cache.save(KEY, value as never)).rejects.toBeInstanceOf(TypeError)
    expect(await cache.get(KEY)).toBeNull()
  })

  it('refuses a reply whose metadata leaves no room for the cached marker', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']))
    const error = await createResponseCache()
      .save(KEY, reply({ metadata }))
      .catch((e: unknown) => e)
    expect(AssistantsError.is(error) && error.code).toBe('validation')
  })

  it('rejects keys that lookup() cannot have made', async () => {
    const cache = createResponseCache()
    for (const key of ['', 'abc', 'AB'.repeat(32), `${KEY}:x`, 42]) {
      await expect(cache.get(key as never)).rejects.toThrow(/64 hex characters/)
      await expect(cache.save(key as never, { content: 'x' })).rejects.toThrow(TypeError)
      await expect(cache.remove(key as never)).rejects.toThrow(TypeError)
    }
  })

  it('keeps entries under the prefix, forgets them on remove, and checks expiry on read', async () => {
    const storage = createStorage()
    const cache = createResponseCache({ storage, prefix: 'app:replies', ttl: 0.5 })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(10_000)
    await cache.save(KEY, { content: 'x' })
    expect(await storage.getKeys()).toEqual([`app:replies:${KEY}`])
    vi.setSystemTime(10_499)
    expect(await cache.get(KEY)).toMatchObject({ stored_at: 10_000 })
    vi.setSystemTime(10_500)
    expect(await cache.get(KEY)).toBeNull()
    expect(await storage.getKeys()).toEqual([])
    await cache.save(KEY, { content: 'x' })
    await cache.remove(KEY)
    expect(await cache.get(KEY)).toBeNull()
  })

  it('reads an entry a driver handed back as a JSON string', async () => {
    const storage = createStorage()
    const cache = createResponseCache({ storage })
    await cache.save(KEY, { content: 'x' })
    const entry = await storage.getItem(`skein:reply:${KEY}`)
    const raw = createStorage({
      driver: { getItem: () => JSON.stringify(entry), hasItem: () => true, getKeys: () => [] },
    })
    expect((await createResponseCache({ storage: raw }).get(KEY))?.content).toEqual([{ type: 'text', text: 'x' }])
  })

  it('passes an aborted signal through untouched', async () => {
    const reason = new Error('user left')
    const cache = createResponseCache()
    await expect(cache.get(KEY, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    await expect(cache.save(KEY, { content: 'x' }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(await cache.get(KEY)).toBeNull()
  })

  it.each([
    ['a storage that is not unstorage', { storage: new Map() }, /Did you mean createStorage/],
    ['a ttl of zero', { ttl: 0 }, /ttl is in seconds/],
    ['a ttl in a string', { ttl: '60' }, /ttl is in seconds/],
    ['an empty prefix', { prefix: '' }, /prefix/],
    ['a prefix with a slash', { prefix: 'a/b' }, /prefix/],
    ['an unknown verify mode', { verify: 'some' }, /verify must be/],
  ])('rejects %s with a TypeError', (_, options, message) => {
    expect(() => createResponseCache(options as never)).toThrow(TypeError)
    expect(() => createResponseCache(options as never)).toThrow(message)
  })
})

describe('createResponseCache lookup', () => {
  function setup() {
    const emulator = createEmulator({ assistants: [{ id: 'asst_1' }], model: () => ({ text: 'Hi there.' }) })
    const calls: string[] = []
    const client = createClient({
      baseURL: 'http://emulator.test/v1',
      fetch: (input, init) => {
        const request = new Request(input, init)
        calls.push(`${request.method} ${new URL(request.url).pathname}`)
        return emulator.fetch(request)
      },
    })
    return { client, calls }
  }

  it('refuses misuse before any request', async () => {
    const { client, calls } = setup()
    const cache = createResponseCache()
    const cases: [Promise<unknown>, RegExp][] = [
      [cache.lookup({} as never, 'thread_1', { assistantId: 'asst_1' }), /pass a client/],
      [cache.lookup(client, '', { assistantId: 'asst_1' }), /threadId/],
      [cache.lookup(client, 'thread_1', undefined as never), /options must be an object/],
      [cache.lookup(client, 'thread_1', { assistantId: '' }), /assistantId/],
      [cache.lookup(client, 'thread_1', { assistantId: 'asst_1', runOptions: { temperature: Number.NaN } }), /NaN/],
      [cache.lookup(client, 'thread_1', { assistantId: 'asst_1', runOptions: { tools: [new Date()] } }), /Date/],
    ]
    for (const [attempt, message] of cases) await expect(attempt).rejects.toThrow(message)
    expect(calls).toEqual([])
  })

  it('records the chain on the thread and finds a reply saved under the key (Web Crypto in every runtime)', async () => {
    const { client, calls } = setup()
    const cache = createResponseCache()
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] })
    calls.length = 0
    const first = await cache.lookup(client, thread.id, { assistantId: 'asst_1' })
    expect(calls).toEqual([
      `GET /v1/threads/${thread.id}`,
      `GET /v1/threads/${thread.id}/messages`,
      `POST /v1/threads/${thread.id}`,
    ])
    expect([first.source, first.hit, first.chain?.count]).toEqual(['new', null, 1])
    await cache.save(first.key, { content: 'Hi there.' })
    calls.length = 0
    const again = await cache.lookup(client, thread.id, { assistantId: 'asst_1' })
    // Nothing new on the thread: the chain is current, so it is not written again.
    expect(calls).toEqual([`GET /v1/threads/${thread.id}`, `GET /v1/threads/${thread.id}/messages`])
    expect([again.key, again.source, again.hit?.content]).toEqual([
      first.key,
      'extended',
      [{ type: 'text', text: 'Hi there.' }],
    ])
  })

  it('surfaces a client error as it is', async () => {
    const { client } = setup()
    const error = await createResponseCache()
      .lookup(client, 'thread_missing', { assistantId: 'asst_1' })
      .catch((e: unknown) => e)
    expect(AssistantsError.is(error) && [error.code, error.status]).toEqual(['http', 404])
  })
})

describe('createResponseCache beforeRun', () => {
  it('stores only a completed one-reply run on a miss, then posts the stored reply with a cached run on a hit', async () => {
    const emulator = createEmulator({ assistants: [{ id: 'asst_1' }] })
    const client = createClient({
      baseURL: 'http://emulator.test/v1',
      fetch: (input, init) => emulator.fetch(new Request(input, init)),
    })
    const cache = createResponseCache()
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] })
    const options = { assistantId: 'asst_1', runOptions: { model: 'gpt-4o' } }
    const miss = await cache.beforeRun(client, thread.id, options)
    if (!('save' in miss)) throw new Error('expected a miss')
    // save reads the run's id and status; the reply is the run's one assistant message.
    const ran = { id: 'run_1', status: 'completed' } as never
    const live = reply({ thread_id: thread.id, content: [{ type: 'text', text: { value: 'Hi.', annotations: [] } }] })
    // Not stored: a failed run, a run with a tool call, two replies.
    await miss.save({ id: 'run_1', status: 'failed' } as never, [], [live])
    await miss.save(ran, [{ step_details: { type: 'tool_calls', tool_calls: [] } } as never], [live])
    await miss.save(ran, [], [live, { ...live, id: 'msg_2' }])
    const second = await client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] })
    expect('save' in (await cache.beforeRun(client, second.id, options))).toBe(true)
    await miss.save(ran, [], [live])

    const hit = await cache.beforeRun(client, second.id, options)
    if (!('run' in hit)) throw new Error('expected a hit')
    expect(hit.run).toMatchObject({ status: 'completed', cached: true, model: 'gpt-4o', thread_id: second.id })
    expect(hit.run.metadata).toMatchObject({ skein_message: hit.message.id })
    const posted = await client.messages.retrieve(second.id, hit.message.id)
    expect([posted.role, isCachedMessage(posted), posted.content]).toEqual([
      'assistant',
      true,
      [{ type: 'text', text: { value: 'Hi.', annotations: [] } }],
    ])
    expect((await client.runs.list(second.id).firstPage()).data).toEqual([])
  })
})
