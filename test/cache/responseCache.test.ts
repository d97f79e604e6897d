// The response cache against the emulator (in-process), written once and run for two unstorage drivers: memory, and
// Redis (ioredis) against the real redis-server that ./redisSetup.ts started on 127.0.0.1.
import {
  AssistantsError,
  type CacheLookupResult,
  CHAIN_METADATA_KEY,
  type Client,
  cachedReplyMessage,
  cachedRun,
  createClient,
  createResponseCache,
  createRolesCodec,
  encodeMessage,
  hashConversation,
  type Message,
  messageText,
  type ResponseCache,
  type ResponseCacheOptions,
  type Run,
} from '@skein/core'
import { createEmulator, type Emulator } from '@skein/emulator'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest'

const BASE = 'http://emulator.test/v1'
const A = 'asst_cache_a'
const B = 'asst_cache_b'

interface Driver {
  name: string
  create(): Storage
  /** Seconds until the driver itself drops `key`, for drivers with native expiry. */
  nativeTtl?: (storage: Storage, key: string) => Promise<number>
}

const drivers: Driver[] = [
  { name: 'memory', create: () => createStorage() },
  {
    name: 'redis',
    // A fresh key space per run, so parallel or repeated runs never see each other's entries.
    create: () =>
      createStorage({ driver: redisDriver({ url: inject('redisURL'), base: `skein-test-${crypto.randomUUID()}` }) }),
    async nativeTtl(storage, key) {
      const { driver } = storage.getMount(key)
      const redis = driver.getInstance?.() as { ttl(key: string): Promise<number> }
      return redis.ttl(`${(driver.options as { base: string }).base}:${key}`)
    },
  },
]

interface Turn {
  cached: boolean
  text: string
  run: Run | null
  lookup: CacheLookupResult
}

describe.each(drivers)('createResponseCache ($name driver)', (driver) => {
  let storage: Storage

  beforeAll(() => {
    storage = driver.create()
  })

  afterAll(async () => {
    await storage.clear()
    await storage.dispose()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  function setup(options: ResponseCacheOptions = {}) {
    let replies = 0
    // Every live reply is numbered, so a reply from the cache is told apart from a fresh one by its text.
    const emulator: Emulator = createEmulator({
      assistants: [{ id: A }, { id: B }],
      model: () => ({ text: `Live reply #${++replies}.` }),
    })
    const requests: string[] = []
    const client: Client = createClient({
      baseURL: BASE,
      apiKey: 'sk-test',
      roles: createRolesCodec(),
      fetch: (input, init) => {
        const request = new Request(input, init)
        const url = new URL(request.url)
        requests.push(`${request.method} ${url.pathname.replace(/^\/v1/, '')}${url.search}`)
        return emulator.fetch(request)
      },
    })
    const prefix = `skein:test:${crypto.randomUUID().replaceAll('-', '')}`
    const cache: ResponseCache = createResponseCache({ storage, prefix, ...options })

    /** What a store does before a run: look up, replay a hit, or run live and save a completed reply. */
    async function turn(threadId: string, assistantId = A, runOptions: Record<string, unknown> = {}): Promise<Turn> {
      const lookup = await cache.lookup(client, threadId, { assistantId, runOptions })
      if (lookup.hit) {
        const message = await client.messages.create(threadId, cachedReplyMessage(lookup.hit))
        return { cached: true, text: messageText(message), run: cachedRun(threadId, assistantId, message.id), lookup }
      }
      const state = await client.runs.stream(threadId, { assistant_id: assistantId, ...runOptions }).done()
      const reply = state.messages.at(-1)
      if (state.run?.status === 'completed' && reply !== undefined) await cache.save(lookup.key, reply)
      return { cached: false, text: reply === undefined ? '' : messageText(reply), run: state.run, lookup }
    }

    async function ask(threadId: string, text: string, assistantId = A, runOptions: Record<string, unknown> = {}) {
      await client.messages.create(threadId, { role: 'user', content: text })
      return turn(threadId, assistantId, runOptions)
    }

    async function newThread(messages: { role: 'user' | 'assistant'; content: string }[] = []): Promise<string> {
      return (await client.threads.create({ messages })).id
    }

    async function history(threadId: string): Promise<Message[]> {
      const all: Message[] = []
      for await (const message of client.messages.list(threadId, { order: 'asc', limit: 100 })) all.push(message)
      return all
    }

    return { emulator, client, cache, requests, prefix, turn, ask, newThread, history }
  }

  it('answers the second identical conversation in a new thread from the cache, with no upstream run', async () => {
    const { ask, newThread, emulator, history } = setup()
    const first = await newThread()
    const live = await ask(first, 'Capital of France?')
    expect([live.cached, live.text, emulator.stats().runsCreated]).toEqual([false, 'Live reply #1.', 1])

    const second = await newThread()
    const replayed = await ask(second, 'Capital of France?')
    expect([replayed.cached, replayed.text]).toEqual([true, 'Live reply #1.'])
    expect(emulator.stats().runsCreated).toBe(1)
    expect(replayed.run).toMatchObject({ status: 'completed', cached: true, thread_id: second, assistant_id: A })
    const posted = (await history(second)).at(-1)
    expect(posted).toMatchObject({ role: 'assistant', metadata: { skein_cached: '1' } })

    // The replayed reply hashes like the live one, so the conversations stay identical turn after turn.
    expect((await ask(first, 'And Peru?')).text).toBe('Live reply #2.')
    const next = await ask(second, 'And Peru?')
    expect([next.cached, next.text, emulator.stats().runsCreated]).toEqual([true, 'Live reply #2.', 2])
  })

  it('misses when any earlier message differs, in text or in author', async () => {
    const { newThread, turn, client } = setup()
    const seed = [
      { role: 'user' as const, content: 'Plan a trip.' },
      { role: 'assistant' as const, content: 'Where to?' },
      { role: 'user' as const, content: 'Lisbon.' },
    ]
    expect((await turn(await newThread(seed))).cached).toBe(false)
    expect((await turn(await newThread(seed))).cached).toBe(true)
    for (const index of [0, 1, 2]) {
      const changed = seed.map((message, i) => (i === index ? { ...message, content: `${message.content}!` } : message))
      expect((await turn(await newThread(changed))).cached).toBe(false)
    }
    const otherRole = seed.map((message, i) => (i === 1 ? { ...message, role: 'user' as const } : message))
    expect((await turn(await newThread(otherRole))).cached).toBe(false)
    // Same wire text and role, different author: a critic's message is not the user's.
    const critic = await newThread(seed.slice(0, 2))
    await client.messages.create(critic, encodeMessage({ role: 'critic', content: 'Lisbon.' }))
    expect((await turn(critic)).cached).toBe(false)
  })

  it('misses for another assistant or any run override, and hits for the same overrides in another key order', async () => {
    const { newThread, turn, cache, client } = setup()
    const overrides = { temperature: 0, instructions: 'Be brief.' }
    const seed = [{ role: 'user' as const, content: 'Hello' }]
    expect((await turn(await newThread(seed), A, overrides)).cached).toBe(false)
    const thread = await newThread(seed)
    const look = (assistantId: string, runOptions: Record<string, unknown>) =>
      cache.lookup(client, thread, { assistantId, runOptions })
    expect((await look(A, { instructions: 'Be brief.', temperature: 0, metadata: { trace: '1' } })).hit).not.toBeNull()
    const variants: [string, Record<string, unknown>][] = [
      [B, overrides],
      [A, { temperature: 0 }],
      [A, { ...overrides, model: 'gpt-4o-mini' }],
      [A, { ...overrides, instructions: 'Be thorough.' }],
      [A, { ...overrides, additional_instructions: 'In French.' }],
      [A, { ...overrides, tools: [{ type: 'file_search' }] }],
      [A, { ...overrides, temperature: 1 }],
      [A, { ...overrides, top_p: 0.5 }],
      [A, { ...overrides, response_format: { type: 'json_object' } }],
      [A, { ...overrides, tool_choice: 'none' }],
    ]
    for (const [assistantId, runOptions] of variants) expect((await look(assistantId, runOptions)).hit).toBeNull()
  })

  it('extends the chain turn by turn, listing only the thread once per lookup', async () => {
    const { ask, newThread, history, requests, client } = setup()
    const thread = await newThread()
    for (let i = 1; i <= 8; i++) {
      const before = requests.length
      const { lookup } = await ask(thread, `Question ${i}`)
      const all = (await history(thread)).slice(0, -1) // the reply came after the lookup
      expect(lookup.source).toBe(i === 1 ? 'new' : 'extended')
      expect(lookup.chain).toEqual({
        lastMessageId: all.at(-1)?.id,
        count: 2 * i - 1,
        hash: await hashConversation(all),
      })
      const lists = requests.slice(before).filter((r) => r.startsWith('GET') && r.includes('/messages?order=desc'))
      expect(lists).toHaveLength(1)
    }
    const metadata = (await client.threads.retrieve(thread)).metadata ?? {}
    expect(metadata[CHAIN_METADATA_KEY]).toMatch(/^msg_\w+:15:[0-9a-f]{64}$/)
  })

  it('detects a deleted message (the recorded last one, or an earlier one) and hashes again from the start', async () => {
    const { ask, newThread, history, client, cache } = setup()
    const thread = await newThread()
    await ask(thread, 'one')
    await ask(thread, 'two')
    const [first] = await history(thread)
    await client.messages.delete(thread, (first as Message).id)
    const afterMiddle = await cache.lookup(client, thread, { assistantId: A })
    expect(afterMiddle.source).toBe('rehashed')
    expect(afterMiddle.chain?.hash).toBe(await hashConversation(await history(thread)))

    const last = (await history(thread)).at(-1) as Message
    await client.messages.delete(thread, last.id)
    const afterLast = await cache.lookup(client, thread, { assistantId: A })
    expect(afterLast.source).toBe('rehashed')
    expect(afterLast.chain).toMatchObject({ count: 2, hash: await hashConversation(await history(thread)) })
  })

  it('pages through a long thread once, then lists one page per lookup; verify "full" catches a deletion in the middle', async () => {
    const tail = setup()
    const full = setup({ verify: 'full' })
    for (const { newThread, client, cache, requests, history } of [tail, full]) {
      const thread = await newThread()
      for (let i = 0; i < 120; i++) await client.messages.create(thread, { role: 'user', content: `m${i}` })
      const first = await cache.lookup(client, thread, { assistantId: A })
      expect([first.source, first.chain?.count]).toEqual(['new', 120])
      await client.messages.create(thread, { role: 'user', content: 'one more' })
      const before = requests.length
      const second = await cache.lookup(client, thread, { assistantId: A })
      expect([second.source, second.chain?.count]).toEqual(['extended', 121])
      expect(second.chain?.hash).toBe(await hashConversation(await history(thread)))
      const pages = requests.slice(before).filter((r) => r.startsWith('GET') && r.includes('/messages?order=desc'))
      expect(pages).toHaveLength(cache === tail.cache ? 1 : 2)
      await client.messages.delete(thread, ((await history(thread))[5] as Message).id)
      const third = await cache.lookup(client, thread, { assistantId: A })
      // `tail` trusts the count of a thread longer than one page; `full` lists it all and notices.
      expect(third.source).toBe(cache === tail.cache ? 'extended' : 'rehashed')
    }
  })

  it('keeps the other thread metadata, and works without a chain when the metadata is full', async () => {
    const { client, turn, cache } = setup()
    const tagged = (
      await client.threads.create({ messages: [{ role: 'user', content: 'Hi' }], metadata: { topic: 'x' } })
    ).id
    await cache.lookup(client, tagged, { assistantId: A })
    expect((await client.threads.retrieve(tagged)).metadata).toEqual({
      topic: 'x',
      [CHAIN_METADATA_KEY]: expect.stringMatching(/:1:[0-9a-f]{64}$/),
    })
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']))
    const full = (await client.threads.create({ messages: [{ role: 'user', content: 'Hi' }], metadata })).id
    expect((await turn(full)).lookup.source).toBe('new')
    expect((await client.threads.retrieve(full)).metadata).toEqual(metadata)
    const again = await cache.lookup(client, full, { assistantId: A })
    expect([again.source, again.hit === null]).toEqual(['new', true]) // the reply came after; nothing recorded
  })

  it('expires entries after ttl seconds', async () => {
    const { ask, newThread, cache, prefix } = setup({ ttl: 60 })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
    const live = await ask(await newThread(), 'Remember me')
    const key = live.lookup.key
    expect(await cache.get(key)).not.toBeNull()
    if (driver.nativeTtl) {
      const seconds = await driver.nativeTtl(storage, `${prefix}:${key}`)
      expect(seconds).toBeGreaterThan(0)
      expect(seconds).toBeLessThanOrEqual(60)
    }
    vi.setSystemTime(new Date('2026-01-01T00:00:59Z'))
    expect((await ask(await newThread(), 'Remember me')).cached).toBe(true)
    vi.setSystemTime(new Date('2026-01-01T00:01:01Z'))
    expect(await cache.get(key)).toBeNull()
    expect(await storage.hasItem(`${prefix}:${key}`)).toBe(false)
  })

  it('never caches a failed run, and refuses replies that are not complete', async () => {
    const { ask, newThread, emulator, cache } = setup()
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'run_outcome', status: 'failed' })
    const failed = await ask(await newThread(), 'Fragile')
    expect(failed.run?.status).toBe('failed')
    expect(await cache.get(failed.lookup.key)).toBeNull()
    const retried = await ask(await newThread(), 'Fragile')
    expect(retried.cached).toBe(false)
    const reply = { role: 'assistant', content: 'partial', created_at: 1 }
    await expect(cache.save(failed.lookup.key, { ...reply, status: 'incomplete' })).rejects.toThrow(TypeError)
    await expect(cache.save(failed.lookup.key, { ...reply, status: 'in_progress' })).rejects.toThrow(TypeError)
    expect((await cache.get(failed.lookup.key))?.content).toEqual([{ type: 'text', text: retried.text }])
  })

  it('treats an unreadable entry as a miss and clears it', async () => {
    const { cache, prefix } = setup()
    const key = 'ef'.repeat(32)
    await storage.setItem(`${prefix}:${key}`, { v: 2, something: 'else' })
    expect(await cache.get(key)).toBeNull()
    expect(await storage.hasItem(`${prefix}:${key}`)).toBe(false)
  })

  it('passes a user abort through untouched', async () => {
    const { cache, client, newThread, requests } = setup()
    const thread = await newThread()
    const before = requests.length
    const reason = new DOMException('stop', 'AbortError')
    const lookup = cache.lookup(client, thread, { assistantId: A, signal: AbortSignal.abort(reason) })
    await expect(lookup).rejects.toBe(reason)
    expect(requests.length).toBe(before)
    await expect(cache.lookup(client, '', { assistantId: A })).rejects.toSatisfy(
      (error) => error instanceof TypeError && !AssistantsError.is(error),
    )
  })
})
