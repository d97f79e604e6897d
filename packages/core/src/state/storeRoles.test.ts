import { createEmulator } from '@skein/emulator'
import { describe, expect, it } from 'vitest'
import { createResponseCache } from '../cache/createResponseCache.ts'
import { createClient } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import { createRolesCodec } from '../roles/createRolesCodec.ts'
import { fewShot } from '../roles/fewShot.ts'
import type { Message } from '../schemas/index.ts'
import { createThreadStore, type ThreadStore, type ThreadStoreOptions } from './createThreadStore.ts'
import { messageText } from './messageText.ts'
import type { ThreadSnapshot } from './threadSnapshot.ts'

const ASSISTANT = 'asst_roles_test'

function setup() {
  const emulator = createEmulator({ assistants: [{ id: ASSISTANT, model: 'gpt-4o' }] })
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init))
  const client = createClient({ baseURL: 'http://emulator.test/v1', apiKey: 'sk-test', fetch })
  // A client without decoding, to read what is really on the wire.
  const raw = async (threadId: string): Promise<Message[]> => {
    const response = await fetch(`http://emulator.test/v1/threads/${threadId}/messages?order=asc`)
    return ((await response.json()) as { data: Message[] }).data
  }
  const open = (options: ThreadStoreOptions = {}) => {
    const store = createThreadStore(client, { threadId: null, assistantId: ASSISTANT, throttleMs: 0, ...options })
    store.subscribe(() => {})
    return store
  }
  return { emulator, client, raw, open }
}

function until(store: ThreadStore, predicate: (s: ThreadSnapshot) => boolean): Promise<ThreadSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out at ${store.getSnapshot().status}`)), 5000)
    const check = () => {
      if (!predicate(store.getSnapshot())) return
      clearTimeout(timer)
      stop()
      resolve(store.getSnapshot())
    }
    const stop = store.subscribe(check)
    check()
  })
}

const completed = (s: ThreadSnapshot) => s.status === 'completed'

describe('thread store roles', () => {
  it('posts as the assistant without a run, optimistically', async () => {
    const { open, emulator } = setup()
    const store = open()
    const pending = store.send('A reply I already had.', { role: 'assistant' })
    expect(store.getSnapshot().messages[0]).toMatchObject({ role: 'assistant', local: { status: 'sending' } })
    const message = await pending
    expect(message.author).toEqual({ role: 'assistant' })
    expect(emulator.stats().runsCreated).toBe(0)
    const inserted = await store.insert({ role: 'assistant', content: 'And another.' })
    expect(inserted.local).toBeUndefined()
    expect(emulator.stats().runsCreated).toBe(0)
  })

  it('encodes a custom named author on the wire and decodes it on every read path', async () => {
    const { open, raw, client } = setup()
    const store = open()
    const sent = await store.send('Tighten the second paragraph.', { role: 'critic', name: 'Ada' })
    expect(sent.author).toEqual({ role: 'critic', name: 'Ada' })
    expect(messageText(sent)).toBe('Tighten the second paragraph.')
    const threadId = store.getSnapshot().threadId!
    const [wire] = await raw(threadId)
    expect(wire?.role).toBe('user')
    expect(messageText(wire!)).toBe('Ada (critic): Tighten the second paragraph.')
    expect(wire?.metadata).toMatchObject({ skein_role: 'critic', skein_name: 'Ada' })
    // Another store on the same thread (a reload) decodes the history too.
    const reloaded = createThreadStore(client, { threadId })
    reloaded.subscribe(() => {})
    const loaded = await until(reloaded, (s) => s.messages.length === 1)
    expect(loaded.messages[0]?.author).toEqual({ role: 'critic', name: 'Ada' })
    expect(messageText(loaded.messages[0]!)).toBe('Tighten the second paragraph.')
  })

  it('decodes a foreign "ASSISTANT:" label only when told to trust it', async () => {
    const { open, client } = setup()
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'ASSISTANT: cached answer' }] })
    const plain = open({ threadId: thread.id })
    const asTyped = await until(plain, (s) => s.messages.length === 1)
    expect(asTyped.messages[0]?.author).toEqual({ role: 'user' })
    const trusting = createThreadStore(client, {
      threadId: thread.id,
      roles: createRolesCodec({ trustLabels: ['ASSISTANT'] }),
    })
    trusting.subscribe(() => {})
    const decoded = await until(trusting, (s) => s.messages.length === 1)
    expect(decoded.messages[0]?.author.role).toBe('assistant')
    expect(messageText(decoded.messages[0]!)).toBe('cached answer')
  })

  it('refuses metadata over the budget before any request', async () => {
    const { open, emulator } = setup()
    const store = open()
    const before = JSON.stringify(emulator.stats().requests)
    const metadata = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, 'v']))
    let error: unknown
    try {
      void store.send('hi', { role: 'critic', name: 'Ada', metadata })
    } catch (caught) {
      error = caught
    }
    expect(AssistantsError.is(error) && error.code).toBe('validation')
    expect(String((error as Error).message)).toMatch(/16|metadata/)
    expect(() => store.send('hi', { metadata: { ['x'.repeat(65)]: 'v' } })).toThrow(/metadata key "x+.*65/)
    expect(JSON.stringify(emulator.stats().requests)).toBe(before)
    expect(store.getSnapshot().messages).toEqual([])
  })

  it('seeds a new thread with few-shot examples and shows them', async () => {
    const { open } = setup()
    const store = open({ seed: fewShot([{ user: 'Capital of France?', assistant: 'Paris.' }]) })
    await store.send('Capital of Italy?')
    const done = await until(store, completed)
    expect(done.messages.map((m) => `${m.role}:${messageText(m)}`).slice(0, 3)).toEqual([
      'user:Capital of France?',
      'assistant:Paris.',
      'user:Capital of Italy?',
    ])
    expect(done.messages).toHaveLength(4)
  })
})

describe('thread store response cache', () => {
  it('answers the same conversation from the cache, with no upstream run, and misses when anything changes', async () => {
    const { open, emulator } = setup()
    const cache = createResponseCache()
    const first = open({ cache })
    await first.send('What is the answer?')
    const live = await until(first, completed)
    expect(live.run?.cached).toBeUndefined()
    const runs = emulator.stats().runsCreated

    const second = open({ cache })
    await second.send('What is the answer?')
    const cached = await until(second, completed)
    expect(emulator.stats().runsCreated).toBe(runs)
    expect(cached.run?.cached).toBe(true)
    expect(messageText(cached.messages[1]!)).toBe(messageText(live.messages[1]!))
    expect(cached.messages[1]?.metadata).toMatchObject({ skein_cached: '1' })

    const otherText = open({ cache })
    await otherText.send('What is the question?')
    await until(otherText, completed)
    const otherModel = open({ cache, runOptions: { temperature: 0.2 } })
    await otherModel.send('What is the answer?')
    await until(otherModel, completed)
    expect(emulator.stats().runsCreated).toBe(runs + 2)
  })

  it('never caches a failed run', async () => {
    const { open, emulator } = setup()
    const cache = createResponseCache()
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'run_outcome', status: 'failed' })
    const failing = open({ cache })
    await failing.send('Will this fail?')
    expect((await until(failing, (s) => s.status === 'failed')).error?.code).toBe('run_failed')
    const again = open({ cache })
    await again.send('Will this fail?')
    const live = await until(again, completed)
    expect(live.run?.cached).toBeUndefined()
    expect(emulator.stats().runsCreated).toBe(2)
  })
})
