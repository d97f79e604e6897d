import { createEmulator } from '@skein/emulator'
import { fakeEnvironment } from '@skein/test-support'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../client/createClient.ts'
import { createThreadStore, type ThreadStoreOptions } from './createThreadStore.ts'
import { messageText } from './messageText.ts'
import type { ThreadMessage } from './threadSnapshot.ts'

const ASSISTANT = 'asst_live_test'
const LIST = 'GET /threads/{thread_id}/messages'

async function setup(options: ThreadStoreOptions = {}, tokenDelayMs = 0) {
  const emulator = createEmulator({ assistants: [{ id: ASSISTANT, model: 'gpt-4o' }], tokenDelayMs })
  const client = createClient({
    baseURL: 'http://emulator.test/v1',
    apiKey: 'sk-test',
    maxRetries: 0,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  })
  const thread = await client.threads.create({ messages: [{ role: 'user', content: 'hello' }] })
  const arrived: ThreadMessage[] = []
  const store = createThreadStore(client, {
    threadId: thread.id,
    assistantId: ASSISTANT,
    throttleMs: 0,
    pollIntervalMs: 5,
    onMessage: (message) => arrived.push(message),
    ...options,
  })
  const lists = () => emulator.stats().requests[LIST] ?? 0
  return { emulator, client, thread, store, arrived, lists }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('live threads', () => {
  it('backs off while nothing changes, resets when something arrives, and stops with the last subscriber', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const env = fakeEnvironment()
    const { store, client, thread, arrived, lists } = await setup({
      live: { intervalMs: 100, maxIntervalMs: 400, environment: env.environment },
    })
    const stop = store.subscribe(() => {})
    await vi.advanceTimersByTimeAsync(0)
    const afterLoad = lists()
    // Ticks at 100, then +200, +400, +400 while idle.
    await vi.advanceTimersByTimeAsync(100)
    expect(lists()).toBe(afterLoad + 1)
    await vi.advanceTimersByTimeAsync(199)
    expect(lists()).toBe(afterLoad + 1)
    await vi.advanceTimersByTimeAsync(1)
    expect(lists()).toBe(afterLoad + 2)
    await vi.advanceTimersByTimeAsync(400)
    expect(lists()).toBe(afterLoad + 3)
    await vi.advanceTimersByTimeAsync(400)
    expect(lists()).toBe(afterLoad + 4)

    // Something arrives: it shows at the next tick, once, and the interval is back to 100.
    await client.messages.create(thread.id, { role: 'assistant', content: 'from the back office' })
    await vi.advanceTimersByTimeAsync(400)
    expect(store.getSnapshot().messages.map((m) => messageText(m))).toEqual(['hello', 'from the back office'])
    expect(arrived.map((m) => messageText(m))).toEqual(['from the back office'])
    const atArrival = lists()
    await vi.advanceTimersByTimeAsync(100)
    expect(lists()).toBe(atArrival + 1)

    stop()
    await vi.advanceTimersByTimeAsync(0)
    const atUnmount = lists()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(lists()).toBe(atUnmount)
    expect(env.listeners()).toBe(0)
  })

  it('pauses while the page is hidden or offline and refreshes at once when it is back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const env = fakeEnvironment()
    const { store, client, thread, lists } = await setup({ live: { intervalMs: 100, environment: env.environment } })
    store.subscribe(() => {})
    await vi.advanceTimersByTimeAsync(0)
    env.set({ visible: false })
    const hidden = lists()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(lists()).toBe(hidden)
    await client.messages.create(thread.id, { role: 'user', content: 'while you were away' })
    env.set({ visible: true, online: false })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(lists()).toBe(hidden)
    env.set({ online: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(lists()).toBe(hidden + 1)
    expect(store.getSnapshot().messages.map((m) => messageText(m))).toContain('while you were away')
  })

  it('honours 429 Retry-After before the next refresh', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const env = fakeEnvironment()
    const { store, emulator, lists } = await setup({ live: { intervalMs: 100, environment: env.environment } })
    store.subscribe(() => {})
    await vi.advanceTimersByTimeAsync(0)
    emulator.addFault({ match: 'GET /threads/*/messages', kind: 'status', status: 429, retryAfter: 3 })
    await vi.advanceTimersByTimeAsync(100)
    const limited = lists()
    await vi.advanceTimersByTimeAsync(2_900)
    expect(lists()).toBe(limited)
    await vi.advanceTimersByTimeAsync(100)
    expect(lists()).toBe(limited + 1)
    expect(store.getSnapshot().error).toBeNull()
  })

  it('refresh() merges in server order without duplicating our own sends, and onMessage skips them', async () => {
    const { store, client, thread, arrived } = await setup()
    store.subscribe(() => {})
    await store.load()
    await store.send('mine', { run: false })
    await client.messages.create(thread.id, { role: 'user', content: 'theirs' })
    await store.refresh()
    await store.refresh()
    const snapshot = store.getSnapshot()
    expect(snapshot.messages.map((m) => messageText(m))).toEqual(['hello', 'mine', 'theirs'])
    expect(new Set(snapshot.messages.map((m) => m.id)).size).toBe(3)
    expect(arrived.map((m) => messageText(m))).toEqual(['theirs'])
  })

  it('notices a run started elsewhere, shows it active, and sends only after it ends', async () => {
    const { store, client, thread, arrived } = await setup({}, 2)
    store.subscribe(() => {})
    await store.load()
    const foreign = client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    for await (const event of foreign) if (event.event === 'thread.run.in_progress') break
    await store.refresh()
    expect(['queued', 'in_progress']).toContain(store.getSnapshot().status)
    const sent = await store.send('after theirs', { run: false })
    expect(sent.local).toBeUndefined()
    const messages = store.getSnapshot().messages
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user'])
    expect(arrived.map((m) => m.role)).toEqual(['assistant'])
    expect(store.getSnapshot().status).toBe('completed')
  })

  it('replaces a reply it first saw half-written once the run that writes it ends (a reload mid-run)', async () => {
    const { client, thread, emulator } = await setup({}, 3)
    const foreign = client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    let deltas = 0
    for await (const event of foreign) if (event.event === 'thread.message.delta' && ++deltas === 5) break
    const reloaded = createThreadStore(client, { threadId: thread.id, pollIntervalMs: 5, throttleMs: 0 })
    reloaded.subscribe(() => {})
    await reloaded.load()
    const partial = reloaded.getSnapshot().messages.at(-1)
    expect(partial?.role).toBe('assistant')
    await new Promise<void>((resolve) => {
      const stop = reloaded.subscribe(() => {
        if (reloaded.getSnapshot().status !== 'completed') return
        stop()
        resolve()
      })
    })
    const server: string[] = []
    for await (const message of client.messages.list(thread.id, { order: 'asc' })) server.push(messageText(message))
    expect(reloaded.getSnapshot().messages.map((m) => messageText(m))).toEqual(server)
    expect(messageText(reloaded.getSnapshot().messages.at(-1)!).length).toBeGreaterThan(messageText(partial!).length)
    expect(emulator.stats().runsCreated).toBe(1)
  })
})
