import { createEmulator, type EmulatorOptions } from '@skein/emulator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Client, createClient } from '../client/createClient.ts'
import type { Message } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import { createThreadStore, type ThreadStore, type ThreadStoreOptions } from './createThreadStore.ts'
import { messageText } from './messageText.ts'
import type { ThreadSnapshot } from './threadSnapshot.ts'

const ASSISTANT = 'asst_store_test'

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
} as const

function setup(emulatorOptions: EmulatorOptions = {}) {
  const emulator = createEmulator({ assistants: [{ id: ASSISTANT, model: 'gpt-4o' }], ...emulatorOptions })
  const client = createClient({
    baseURL: 'http://emulator.test/v1',
    apiKey: 'sk-test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  })
  const stores: ThreadStore[] = []
  const open = (options: ThreadStoreOptions = {}) => {
    const store = createThreadStore(client, { assistantId: ASSISTANT, throttleMs: 0, pollIntervalMs: 5, ...options })
    const stop = store.subscribe(() => {})
    stores.push(store)
    return { store, stop }
  }
  return { emulator, client, open }
}

/** Resolves with the first snapshot that satisfies `predicate` (checked now and on every notification). */
function until(store: ThreadStore, predicate: (s: ThreadSnapshot) => boolean, ms = 5000): Promise<ThreadSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const snapshot = store.getSnapshot()
      if (!predicate(snapshot)) return false
      stop()
      clearTimeout(timer)
      resolve(snapshot)
      return true
    }
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`timed out; last snapshot: ${JSON.stringify(summary(store.getSnapshot()))}`))
    }, ms)
    const stop = store.subscribe(() => void check())
    check()
  })
}

const ended = (s: ThreadSnapshot) => ['completed', 'failed', 'cancelled', 'expired', 'incomplete'].includes(s.status)

function summary(s: ThreadSnapshot) {
  return {
    status: s.status,
    error: s.error?.message,
    messages: s.messages.map((m) => `${m.role}:${m.local?.status ?? 'server'}:${messageText(m).slice(0, 40)}`),
  }
}

async function serverMessages(client: ReturnType<typeof setup>['client'], threadId: string): Promise<Message[]> {
  const all: Message[] = []
  for await (const message of client.messages.list(threadId, { order: 'asc', limit: 100 })) all.push(message)
  return all
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createThreadStore', () => {
  it('shows a send at once, replaces it in place with the server message, and streams the reply', async () => {
    const { open, client } = setup()
    const created: string[] = []
    const { store } = open({ threadId: null, onThreadCreated: (id) => created.push(id) })
    const sending = store.send('Hello there')
    const first = store.getSnapshot()
    expect(first.messages).toHaveLength(1)
    expect(first.messages[0]?.local?.status).toBe('sending')
    expect(messageText(first.messages[0]!)).toBe('Hello there')

    const delivered = await sending
    expect(delivered.id).toMatch(/^msg_/)
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    expect(created).toEqual([done.threadId])
    expect(done.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(done.messages[0]?.id).toBe(delivered.id)
    expect(done.messages.every((m) => m.local === undefined)).toBe(true)
    const server = await serverMessages(client, done.threadId!)
    expect(done.messages.map((m) => m.id)).toEqual(server.map((m) => m.id))
    expect(messageText(done.messages[1]!)).toBe(messageText(server[1]!))
    expect(done.run?.status).toBe('completed')
    expect(done.usage).not.toBeNull()
  })

  it('shows the snapshots of the run stream itself: each event is folded once, not again by the store', async () => {
    const { client } = setup()
    const streams: RunStream[] = []
    const watched: Client = {
      ...client,
      runs: { ...client.runs, stream: (...args) => streams[streams.push(client.runs.stream(...args)) - 1]! },
    }
    const store = createThreadStore(watched, { assistantId: ASSISTANT, throttleMs: 0 })
    store.subscribe(() => {})
    await store.send('Hello [deltas:20]')
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    expect(streams).toHaveLength(1)
    const state = streams[0]!.state()
    expect(state.steps.length).toBeGreaterThan(0)
    // The same objects, not equal copies: the store did not reduce the events into a second snapshot.
    expect(store.getRunSnapshot().steps).toBe(state.steps)
    expect(store.getRunSnapshot().run).toBe(state.run)
  })

  /** A store on a new thread with one message sent, whose next two message posts fail with a 500. */
  async function twoFailingPosts() {
    const { open, emulator } = setup()
    const { store } = open({ threadId: null })
    await store.send('first', { run: false })
    emulator.addFault({ match: 'POST /threads/*/messages', kind: 'status', status: 500, times: 2 })
    return { store, emulator }
  }

  it('marks a failed send, delivers it once on retry, and discards another', async () => {
    const { store, emulator } = await twoFailingPosts()
    const failed = await store.send('second', { run: false })
    expect(failed.local?.status).toBe('failed')
    expect(store.getSnapshot().error?.status).toBe(500)
    const other = await store.send('third', { run: false })
    expect(other.local?.status).toBe('failed')

    const before = emulator.stats().messagesCreated
    const retried = await store.retry(failed.id)
    expect(retried.local).toBeUndefined()
    expect(emulator.stats().messagesCreated).toBe(before + 1)
    store.discard(other.id)
    const texts = store.getSnapshot().messages.map((m) => `${messageText(m)}:${m.local?.status ?? 'ok'}`)
    expect(texts).toEqual(['first:ok', 'second:ok'])
  })

  it("takes a failed send's error with it when the send is discarded, and keeps another error", async () => {
    const { store } = await twoFailingPosts()
    const one = await store.send('one', { run: false })
    const two = await store.send('two', { run: false })
    // The snapshot shows the latest failure, which is `two`'s: discarding `one` leaves it.
    expect(store.getSnapshot().error).toBe(two.local?.error)
    store.discard(one.id)
    expect(store.getSnapshot().error).toBe(two.local?.error)
    store.discard(two.id)
    expect(store.getSnapshot().error).toBeNull()
  })

  it('keeps a reply growing after its stream dropped: polling re-lists it, shown as streaming', async () => {
    const { open, emulator, client } = setup({ tokenDelayMs: 4 })
    const { store } = open({ threadId: null, pollIntervalMs: 10 })
    // Dropped after the run's first events, before any text: every character shown comes from re-listing.
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterEvents: 6 })
    const lengths = new Set<number>()
    store.subscribe(() => {
      const reply = store.getSnapshot().messages.find((m) => m.role === 'assistant')
      if (reply?.local?.status === 'streaming') lengths.add(messageText(reply).length)
    })
    await store.send('Hello [deltas:80]')
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    const shown = done.messages.find((m) => m.role === 'assistant')!
    expect(shown.local).toBeUndefined()
    const [server] = (await client.messages.list(done.threadId!, { order: 'desc', limit: 1 }).firstPage()).data
    expect(messageText(shown)).toBe(messageText(server!))
    // Several partial lengths while the run went on, none of them the whole reply.
    const partial = [...lengths].filter((length) => length > 0 && length < messageText(shown).length)
    expect(partial.length).toBeGreaterThanOrEqual(2)
  })

  it('clears a stream error once polling has followed the run to a good end', async () => {
    const { open, emulator } = setup({ tokenDelayMs: 1 })
    const errors: string[] = []
    const { store } = open({ threadId: null, onError: (error) => errors.push(error.code) })
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'error_event', afterEvents: 5 })
    await store.send('Hello [deltas:30]')
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    // The app heard of the error when it happened; the snapshot no longer shows it after the recovery.
    expect(errors).toEqual(['stream_error'])
    expect(done.error).toBeNull()
  })

  it('queues sends made during a run and delivers them in order, without an active-run error', async () => {
    const { open, emulator, client } = setup({ tokenDelayMs: 2 })
    const { store } = open({ threadId: null })
    void store.send('start a long answer [deltas:60]')
    await until(store, (s) => s.status === 'in_progress')
    const sends = ['one', 'two', 'three', 'four', 'five'].map((text) => store.send(text, { run: false }))
    expect(store.getSnapshot().queued).toBe(5)
    const results = await Promise.all(sends)
    expect(results.every((m) => m.local === undefined)).toBe(true)
    const done = store.getSnapshot()
    expect(done.error).toBeNull()
    const server = await serverMessages(client, done.threadId!)
    expect(server.map((m) => messageText(m)).slice(2)).toEqual(['one', 'two', 'three', 'four', 'five'])
    expect(done.messages.map((m) => m.id)).toEqual(server.map((m) => m.id))
    expect(emulator.stats().runsCreated).toBe(1)
  })

  it('cancel() aborts the stream, cancels the run on the server and frees the thread', async () => {
    const { open, client } = setup({ tokenDelayMs: 5 })
    const { store } = open({ threadId: null })
    void store.send('tell me a long answer [deltas:400]')
    await until(store, (s) => s.messages.some((m) => m.local?.status === 'streaming'))
    await store.cancel()
    const after = store.getSnapshot()
    expect(after.status).toBe('cancelled')
    expect(after.error).toBeNull()
    const runs = await client.runs.list(after.threadId!).firstPage()
    expect(runs.data[0]?.status).toBe('cancelled')
    // The next send goes out at once and completes.
    const next = await store.send('and now?')
    expect(next.local).toBeUndefined()
    const second = await until(store, (s) => s.run?.id !== after.run?.id && ended(s))
    expect(second.status).toBe('completed')
  })

  it('runs registered tools and continues the same run; a throwing tool still completes it', async () => {
    const { open } = setup()
    const calls: unknown[] = []
    const { store } = open({
      threadId: null,
      runOptions: { tools: [weatherTool] },
      tools: {
        get_weather: (args) => {
          calls.push(args)
          return { forecast: 'sunny' }
        },
      },
    })
    await store.send('What is the get_weather in Paris?')
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    expect(calls).toEqual([{ location: 'Paris' }])
    expect(done.toolCalls).toHaveLength(1)
    expect(done.toolCalls[0]).toMatchObject({ name: 'get_weather', status: 'done' })
    expect(messageText(done.messages.at(-1)!)).toContain('sunny')

    const failing = open({
      threadId: null,
      runOptions: { tools: [weatherTool] },
      tools: {
        get_weather: () => {
          throw new Error('weather service down')
        },
      },
    }).store
    await failing.send('get_weather in Oslo please')
    const failedTool = await until(failing, ended)
    expect(failedTool.status).toBe('completed')
    expect(failedTool.toolCalls[0]?.status).toBe('error')
    expect(failedTool.toolCalls[0]?.output).toContain('weather service down')
  })

  it('surfaces tool calls without a registered function and continues after submitToolOutputs()', async () => {
    const { open } = setup()
    const { store } = open({ threadId: null, runOptions: { tools: [weatherTool] } })
    await store.send('get_weather in Rome')
    const waiting = await until(store, (s) => s.status === 'requires_action')
    expect(waiting.toolCalls).toEqual([expect.objectContaining({ name: 'get_weather', status: 'pending' })])
    await expect(store.send('queued while waiting', { run: false })).resolves.toBeDefined
    await store.submitToolOutputs([{ tool_call_id: waiting.toolCalls[0]!.id, output: 'rainy' }])
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    expect(done.messages.some((m) => messageText(m).includes('rainy'))).toBe(true)
  })

  it('resumes after a dropped stream and ends with exactly the server messages', async () => {
    const { open, emulator, client } = setup({ tokenDelayMs: 1 })
    const { store } = open({ threadId: null })
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterEvents: 9 })
    await store.send('please give me [deltas:40]')
    const done = await until(store, ended)
    expect(done.status).toBe('completed')
    expect(done.error).toBeNull()
    const server = await serverMessages(client, done.threadId!)
    expect(done.messages.map((m) => m.id)).toEqual(server.map((m) => m.id))
    expect(done.messages.map((m) => messageText(m))).toEqual(server.map((m) => messageText(m)))
  })

  it('resumes a stream that dropped before the run id arrived, and ignores older runs', async () => {
    const { open, emulator, client } = setup({ tokenDelayMs: 1 })
    const { store } = open({ threadId: null })
    await store.send('warm up')
    const first = await until(store, ended)
    emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterEvents: 0 })
    await store.send('second [deltas:20]')
    const done = await until(store, (s) => ended(s) && s.run?.id !== first.run?.id)
    expect(done.status).toBe('completed')
    expect(done.error).toBeNull()
    const server = await serverMessages(client, done.threadId!)
    expect(done.messages.map((m) => messageText(m))).toEqual(server.map((m) => messageText(m)))
    expect(server).toHaveLength(4)
  })

  it('loads the newest page and pages older history in order', async () => {
    const { open, client } = setup()
    const thread = await client.threads.create()
    for (let i = 0; i < 45; i++) await client.messages.create(thread.id, { role: 'user', content: `m${i}` })
    const { store } = open({ threadId: thread.id, pageSize: 20 })
    const first = await until(store, (s) => s.status === 'idle' && s.messages.length > 0)
    expect(first.messages.map((m) => messageText(m))).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 25}`))
    expect(first.hasMore).toBe(true)
    await store.loadMore()
    await store.loadMore()
    const all = store.getSnapshot()
    expect(all.hasMore).toBe(false)
    expect(all.messages.map((m) => messageText(m))).toEqual(Array.from({ length: 45 }, (_, i) => `m${i}`))
  })

  it('does not ask for older history without a cursor (an empty page that says has_more)', async () => {
    let lists = 0
    const fetch = async (input: RequestInfo | URL) => {
      const { pathname } = new URL(String(input))
      if (pathname.endsWith('/messages')) lists++
      const data = pathname.endsWith('/messages') ? { data: [], has_more: true } : { data: [], has_more: false }
      return new Response(JSON.stringify({ object: 'list', ...data }), {
        headers: { 'content-type': 'application/json' },
      })
    }
    const client = createClient({ baseURL: 'http://empty.test/v1', apiKey: 'sk-test', fetch })
    const store = createThreadStore(client, { threadId: 'thread_1', throttleMs: 0 })
    store.subscribe(() => {})
    await until(store, (s) => s.status === 'idle')
    const before = lists
    await store.loadMore()
    await store.loadMore()
    expect(lists - before).toBe(0)
    expect(store.getSnapshot()).toMatchObject({ hasMore: true, loadingMore: false, messages: [] })
  })

  it('drops a send waiting for the thread lock when the store moves to a new thread (no thread is created)', async () => {
    const { client, emulator } = setup({ tokenDelayMs: 5 })
    const thread = await client.threads.create()
    const foreign = await client.runs.create(thread.id, {
      assistant_id: ASSISTANT,
      additional_messages: [{ role: 'user', content: 'from another tab [deltas:60]' }],
    })
    const created: string[] = []
    // Not subscribed: the store has not seen the foreign run, so its post meets the lock and it waits for that run.
    const store = createThreadStore(client, {
      assistantId: ASSISTANT,
      threadId: thread.id,
      throttleMs: 0,
      pollIntervalMs: 5,
      onThreadCreated: (id) => created.push(id),
    })
    const posts = () => emulator.stats().requests['POST /threads/{thread_id}/messages'] ?? 0
    const threadsBefore = emulator.stats().requests['POST /threads'] ?? 0
    const postsBefore = posts()
    const sent = store.send('while locked')
    await new Promise((resolve) => setTimeout(resolve, 60))
    // The post met the lock (the scenario this test is about), and the send now waits for the foreign run (whose
    // messages the store lists as it follows that run).
    expect(posts()).toBe(postsBefore + 1)
    const local = store.getSnapshot().messages.filter((m) => m.local && m.local.status !== 'streaming')
    expect(local.map((m) => m.local?.status)).toEqual(['sending'])
    store.setThread(null)
    await client.runs.poll(thread.id, foreign.id, { intervalMs: 5 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(created).toEqual([])
    expect(store.getSnapshot().threadId).toBeNull()
    expect(emulator.stats().requests['POST /threads'] ?? 0).toBe(threadsBefore)
    const server = await serverMessages(client, thread.id)
    expect(server.map((m) => messageText(m))).not.toContain('while locked')
    // The dropped send still settles (a caller awaiting it does not wait forever), as a failed row of the old thread.
    const row = await sent
    expect(row.local?.status).toBe('failed')
    expect(messageText(row)).toBe('while locked')
    expect(store.getSnapshot().messages).toEqual([])
  })

  it('reports a failed lookup of the newest run while loading, and keeps the loaded history', async () => {
    const { open, client, emulator } = setup()
    const thread = await client.threads.create()
    await client.messages.create(thread.id, { role: 'user', content: 'hello' })
    // GETs are retried twice: three 500s make the lookup fail for good.
    emulator.addFault({ match: 'GET /threads/*/runs', kind: 'status', status: 500, times: 3 })
    const { store } = open({ threadId: thread.id })
    const loaded = await until(store, (s) => s.error !== null)
    expect(loaded.error?.status).toBe(500)
    expect(loaded.messages.map((m) => messageText(m))).toEqual(['hello'])
    expect(loaded.status).toBe('idle')
  })

  it('fails a send whose wait for the thread lock cannot look up the run holding it', async () => {
    const { open, client, emulator } = setup({ tokenDelayMs: 3 })
    const thread = await client.threads.create()
    await client.messages.create(thread.id, { role: 'user', content: 'from another tab [deltas:40]' })
    const { store } = open({ threadId: thread.id })
    await until(store, (s) => s.status === 'idle')
    const foreign = client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    for await (const event of foreign) if (event.event === 'thread.run.created') break
    emulator.addFault({ match: 'GET /threads/*/runs', kind: 'status', status: 500, times: 3 })
    const sent = await store.send('mine', { run: false })
    expect(sent.local?.status).toBe('failed')
    expect(store.getSnapshot().error?.status).toBe(500)
  })

  it('backs off when the run holding the thread lock is not one it can follow (no tight retry loop)', async () => {
    let posts = 0
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    // The lock error names an old run, while the thread's newest run is already over: nothing to follow.
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      // A timer tick per answer, as a network would: a regressed loop then spins visibly instead of starving timers.
      await new Promise((resolve) => setTimeout(resolve, 1))
      const { pathname } = new URL(String(input))
      if (init?.method === 'POST' && pathname.endsWith('/messages')) {
        posts++
        return json({ error: { message: 'Thread thread_1 already has an active run run_old.' } }, 400)
      }
      if (pathname.endsWith('/runs')) {
        return json({ object: 'list', data: [{ id: 'run_new', object: 'thread.run', status: 'completed' }] })
      }
      return json({ object: 'list', data: [], has_more: false })
    }
    const client = createClient({ baseURL: 'http://lock.test/v1', apiKey: 'sk-test', fetch })
    const store = createThreadStore(client, { threadId: 'thread_1', throttleMs: 0 })
    const stop = store.subscribe(() => {})
    void store.send('hi', { run: false })
    await new Promise((resolve) => setTimeout(resolve, 600))
    stop()
    // Posts at 0, 250 and 750 ms: two or three attempts in 600 ms, not one per event-loop turn.
    expect(posts).toBeGreaterThanOrEqual(2)
    expect(posts).toBeLessThanOrEqual(3)
  })

  it('waits for a run started elsewhere before sending', async () => {
    const { open, client } = setup({ tokenDelayMs: 3 })
    const thread = await client.threads.create()
    await client.messages.create(thread.id, { role: 'user', content: 'from another tab [deltas:30]' })
    const foreign = client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    const { store } = open({ threadId: thread.id })
    const sent = await store.send('mine', { run: false })
    expect(sent.local).toBeUndefined()
    await foreign.done()
    expect(store.getSnapshot().error).toBeNull()
    const server = await serverMessages(client, thread.id)
    expect(server.map((m) => m.role)).toEqual(['user', 'assistant', 'user'])
  })

  it('throttles notifications while streaming and keeps finished messages identical', async () => {
    const { open } = setup()
    const { store } = open({ threadId: null, throttleMs: 32 })
    let notifications = 0
    store.subscribe(() => {
      notifications += 1
    })
    await store.send('first [deltas:5]')
    const firstDone = await until(store, ended)
    const finished = firstDone.messages.slice()
    notifications = 0
    await store.send('second [deltas:2000]')
    const done = await until(store, (s) => ended(s) && s.messages.length === 4)
    expect(notifications).toBeLessThan(200)
    done.messages.slice(0, 2).forEach((message, i) => {
      expect(message).toBe(finished[i])
    })
  })

  it('aborts the stream when the last subscriber leaves, and refuses misuse with TypeErrors', async () => {
    const { open, client } = setup({ tokenDelayMs: 5 })
    const { store, stop } = open({ threadId: null })
    void store.send('long [deltas:300]')
    const streaming = await until(store, (s) => s.status === 'in_progress')
    stop()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const after = store.getSnapshot()
    expect(after.messages).toEqual([])
    // The run goes on server-side: a drop is not a cancel.
    const run = (await client.runs.list(streaming.threadId!).firstPage()).data[0]
    expect(['in_progress', 'completed']).toContain(run?.status)

    const noAssistant = createThreadStore(client, { threadId: null })
    expect(() => noAssistant.send('hi')).toThrow(TypeError)
    for (const bad of [123, null, {}, [], [{ type: 'text', text: { value: 'x' } }]]) {
      expect(() => store.send(bad as never, { run: false })).toThrow(TypeError)
    }
    expect(store.getSnapshot().messages).toEqual([])
    expect(() => store.retry('nope')).toThrow(TypeError)
    await expect(store.submitToolOutputs([])).rejects.toThrow(TypeError)
  })
})
