// Issue 9 through the hooks, once per adapter: messages and runs that other parties add to a thread show up in a
// mounted `useThread({ live })`, with their authors, once, in server order; the poller backs off, resets, pauses and
// stops with the last subscriber. The first three scenarios speak real HTTP to a file-owned emulator (authoredSuite.ts);
// the fake-timer one drives an in-process emulator through an injected fetch, so that no socket depends on the clock.
import { createClient, encodeMessage, messageText, type ThreadMessage } from '@skein/core'
import { createEmulator } from '@skein/emulator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeEnvironment } from '../support/liveEnvironment.ts'
import { LIST_MESSAGES, POST_MESSAGES, useAuthoredSuite } from './authoredSuite.ts'
import { type AuthoredAdapterDriver, authoredRows, chatAttribute, until } from './driver.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls the server until `check` resolves true (real timers). */
async function untilServer(check: () => Promise<boolean>, timeout = 8_000): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > timeout) throw new Error('The server never reached the expected state.')
    await sleep(10)
  }
}

/** What `onMessage` received, as comparable data. */
const received = (messages: readonly ThreadMessage[]) =>
  messages.map((message) => ({ id: message.id, author: message.author, text: messageText(message) }))

/**
 * Registers the live-thread scenarios for one adapter.
 *
 * @param driver - mounts the adapter's authored chat
 */
export function defineLiveScenarios(driver: AuthoredAdapterDriver): void {
  describe(`${driver.name} adapter: live threads (issue 9)`, () => {
    const suite = useAuthoredSuite(driver)

    afterEach(() => {
      vi.useRealTimers()
    })

    it('shows a message posted directly to the server, with its custom author, within two refreshes, once', async () => {
      const other = suite.otherClient()
      const thread = await other.threads.create({ messages: [{ role: 'user', content: 'hello' }] })
      const arrived: ThreadMessage[] = []
      const chat = suite.mount({
        threadId: thread.id,
        live: { intervalMs: 100 },
        onMessage: (message) => arrived.push(message),
      })
      await until(() => expect(authoredRows(chat.container).map((row) => row.text)).toEqual(['hello']))
      expect(chatAttribute(chat.container, 'status')).toBe('idle')

      const listsAtPost = suite.count(LIST_MESSAGES)
      const posted = await other.messages.create(
        thread.id,
        encodeMessage({ role: 'operator', name: 'Grace', content: 'Back office here: your order shipped.' }),
      )
      await until(() => expect(authoredRows(chat.container).map((row) => row.id)).toContain(posted.id))
      // Within two refreshes: the one in flight when it was posted may have missed it, the next one may not.
      const listsToArrival = suite.count(LIST_MESSAGES) - listsAtPost
      expect(listsToArrival).toBeGreaterThanOrEqual(1)
      expect(listsToArrival).toBeLessThanOrEqual(2)

      const expectShownOnce = () =>
        expect(authoredRows(chat.container)).toEqual([
          expect.objectContaining({ text: 'hello', authorRole: 'user' }),
          {
            id: posted.id,
            role: 'user',
            local: '',
            authorRole: 'operator',
            authorName: 'Grace',
            author: 'Grace (operator)',
            text: 'Back office here: your order shipped.',
            cached: '',
          },
        ])
      expectShownOnce()
      // Two refreshes later it is still there exactly once, and onMessage fired once for it (not for the history).
      const seen = suite.count(LIST_MESSAGES)
      await until(() => expect(suite.count(LIST_MESSAGES)).toBeGreaterThanOrEqual(seen + 2))
      expectShownOnce()
      expect(received(arrived)).toEqual([
        {
          id: posted.id,
          author: { role: 'operator', name: 'Grace' },
          text: 'Back office here: your order shipped.',
        },
      ])
      expect(chat.state().error).toBeNull()
    })

    it('shows a message posted elsewhere while our reply streamed after the run, in server order, once', async () => {
      suite.emulator().configure({ tokenDelayMs: 10 })
      const other = suite.otherClient()
      const thread = await other.threads.create()
      const arrived: ThreadMessage[] = []
      const chat = suite.mount({
        threadId: thread.id,
        live: { intervalMs: 100 },
        onMessage: (message) => arrived.push(message),
      })
      await until(() => expect(chat.state().status).toBe('idle'))
      const sent = chat.commands().send('[deltas:50]')
      await until(() => {
        const reply = authoredRows(chat.container).find((row) => row.role === 'assistant')
        expect(reply?.local).toBe('streaming')
        expect(reply?.text.length).toBeGreaterThan(0)
      })
      // The other party arrives while our reply streams. The API refuses messages while a run is active, so it waits
      // for the run to end and posts at once.
      const [run] = (await other.runs.list(thread.id, { limit: 1 }).firstPage()).data
      if (run === undefined) throw new Error('Our send created no run.')
      expect(run.status).toBe('in_progress')
      const finished = await other.runs.poll(thread.id, run.id, { intervalMs: 5 })
      expect(finished.status).toBe('completed')
      const posted = await other.messages.create(
        thread.id,
        encodeMessage({ role: 'operator', name: 'Grace', content: 'Posted right after your reply.' }),
      )
      await sent
      await until(() => {
        const rows = authoredRows(chat.container)
        expect(rows.map((row) => row.id)).toContain(posted.id)
        expect(rows.every((row) => row.local === '')).toBe(true)
      })

      const server = await suite.serverRows(thread.id)
      expect(server.map((row) => row.authorRole)).toEqual(['user', 'assistant', 'operator'])
      expect(server.at(-1)?.id).toBe(posted.id)
      const shown = () =>
        authoredRows(chat.container).map(({ id, role, authorRole, authorName, text }) => ({
          id,
          role,
          authorRole,
          authorName,
          text,
        }))
      expect(shown()).toEqual(server)
      // Still once, two refreshes later.
      const seen = suite.count(LIST_MESSAGES)
      await until(() => expect(suite.count(LIST_MESSAGES)).toBeGreaterThanOrEqual(seen + 2))
      expect(shown()).toEqual(server)
      expect(chatAttribute(chat.container, 'runStatus')).toBe('completed')
      // onMessage: only the other party's message (not our send, not our run's reply).
      expect(received(arrived)).toEqual([
        { id: posted.id, author: { role: 'operator', name: 'Grace' }, text: 'Posted right after your reply.' },
      ])
      expect(chat.state().error).toBeNull()
    })

    it('shows a run created by another client as active; a local send waits for it, then goes out', async () => {
      const other = suite.otherClient()
      const thread = await other.threads.create()
      const arrived: ThreadMessage[] = []
      const env = fakeEnvironment()
      const chat = suite.mount({
        threadId: thread.id,
        live: { intervalMs: 100, environment: env.environment },
        onMessage: (message) => arrived.push(message),
      })
      await until(() => expect(chat.state().status).toBe('idle'))

      // The page is hidden while a back-end job asks and starts answering on the thread, so the store's first look at
      // that run always finds its reply half-written (as it mostly does anyway: only a refresh that lands between the
      // run's start and its first token would not). Wait out a refresh that may still be in flight.
      env.set({ visible: false })
      await sleep(150)
      const listsWhileHidden = suite.count(LIST_MESSAGES)
      suite.emulator().addFault({ match: 'POST /threads/*/runs', kind: 'delay_tokens', ms: 15 })
      const question = await other.messages.create(thread.id, { role: 'user', content: '[deltas:80]' })
      const foreign = await other.runs.create(thread.id, { assistant_id: suite.assistantId() })
      let otherLists = 0
      await untilServer(async () => {
        otherLists += 1
        const { data } = await other.messages.list(thread.id, { order: 'asc' }).firstPage()
        return data.some((message) => message.role === 'assistant' && messageText(message).length > 0)
      })
      // Hidden, the chat made no request: every listing meanwhile was the other party's.
      expect(suite.count(LIST_MESSAGES) - listsWhileHidden).toBe(otherLists)
      expect(chatAttribute(chat.container, 'status')).toBe('idle')

      // Back on the page: the store refreshes at once and shows the foreign run as active.
      env.set({ visible: true })
      await until(() => expect(chatAttribute(chat.container, 'status')).toBe('in_progress'))
      expect(chatAttribute(chat.container, 'runStatus')).toBe('in_progress')

      const postsBefore = suite.count(POST_MESSAGES)
      const mine = chat.commands().send('My follow-up.')
      await until(() =>
        expect(authoredRows(chat.container).at(-1)).toMatchObject({ local: 'queued', text: 'My follow-up.' }),
      )
      // The foreign run still holds the thread and our message waits: not posted, not refused either.
      expect((await other.runs.retrieve(thread.id, foreign.id)).status).toBe('in_progress')
      expect(suite.count(POST_MESSAGES)).toBe(postsBefore)

      const delivered = await mine
      expect(delivered.id).toMatch(/^msg_/)
      expect((await other.runs.retrieve(thread.id, foreign.id)).status).toBe('completed')
      await suite.settled(chat)
      // One POST for our message (no attempt the API refused) and our own run after the foreign one.
      expect(suite.count(POST_MESSAGES)).toBe(postsBefore + 1)
      expect(suite.stats().runsCreated).toBe(2)
      expect(chat.state().error).toBeNull()

      const server = await suite.serverRows(thread.id)
      expect(server.map((row) => [row.role, row.id === question.id || row.id === delivered.id])).toEqual([
        ['user', true],
        ['assistant', false],
        ['user', true],
        ['assistant', false],
      ])
      expect(server[2]?.id).toBe(delivered.id)
      // The foreign reply as the server has it now the run is over, not as it was when a refresh first listed it.
      expect(authoredRows(chat.container)[1]?.text, 'the foreign run’s reply after the run').toBe(server[1]?.text)
      expect(authoredRows(chat.container).map(({ id, role, text }) => ({ id, role, text }))).toEqual(
        server.map(({ id, role, text }) => ({ id, role, text })),
      )
      // The question and the foreign reply came from elsewhere; our send and our run's reply did not.
      expect(arrived.map((message) => message.id)).toEqual([question.id, server[1]?.id])
    })

    it('with fake timers: backs off while idle, resets on arrival, pauses while hidden, stops on unmount', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
      // In-process: the chat's requests never touch a socket, so the fake clock alone decides when they happen.
      const emulator = createEmulator()
      const fetch = (input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init))
      const client = createClient({ baseURL: 'http://emulator.test/v1', apiKey: 'test', maxRetries: 0, fetch })
      const other = createClient({ baseURL: 'http://emulator.test/v1', apiKey: 'test', fetch })
      const assistant = await client.assistants.create({ model: 'gpt-4o' })
      const thread = await other.threads.create({ messages: [{ role: 'user', content: 'hello' }] })
      const env = fakeEnvironment()
      const arrived: ThreadMessage[] = []
      const lists = () => emulator.stats().requests[LIST_MESSAGES] ?? 0
      const requests = () => Object.values(emulator.stats().requests).reduce((sum, n) => sum + n, 0)
      const texts = () => authoredRows(chat.container).map((row) => row.text)

      const chat = driver.mount({
        client,
        threadId: thread.id,
        assistantId: assistant.id,
        live: { intervalMs: 100, maxIntervalMs: 400, environment: env.environment },
        onMessage: (message) => arrived.push(message),
      })
      try {
        await vi.advanceTimersByTimeAsync(0)
        expect(texts()).toEqual(['hello'])
        const afterLoad = lists()

        // Idle: ticks at +100, +200, +400, +400 (the ceiling).
        await vi.advanceTimersByTimeAsync(100)
        expect(lists()).toBe(afterLoad + 1)
        await vi.advanceTimersByTimeAsync(199)
        expect(lists()).toBe(afterLoad + 1)
        await vi.advanceTimersByTimeAsync(1)
        expect(lists()).toBe(afterLoad + 2)
        await vi.advanceTimersByTimeAsync(399)
        expect(lists()).toBe(afterLoad + 2)
        await vi.advanceTimersByTimeAsync(1)
        expect(lists()).toBe(afterLoad + 3)
        await vi.advanceTimersByTimeAsync(400)
        expect(lists()).toBe(afterLoad + 4)

        // Something arrives: it shows at the next tick, with its author, and the interval is back to 100.
        const posted = await other.messages.create(
          thread.id,
          encodeMessage({ role: 'operator', name: 'Grace', content: 'from the back office' }),
        )
        await vi.advanceTimersByTimeAsync(400)
        expect(lists()).toBe(afterLoad + 5)
        expect(authoredRows(chat.container).at(-1)).toMatchObject({
          id: posted.id,
          author: 'Grace (operator)',
          text: 'from the back office',
        })
        const atArrival = lists()
        await vi.advanceTimersByTimeAsync(100)
        expect(lists()).toBe(atArrival + 1)
        await vi.advanceTimersByTimeAsync(200)
        expect(lists()).toBe(atArrival + 2)

        // Hidden: no refresh at all; visible again: one at once, which brings what was posted meanwhile.
        env.set({ visible: false })
        const hidden = lists()
        await vi.advanceTimersByTimeAsync(3_000)
        expect(lists()).toBe(hidden)
        await other.messages.create(
          thread.id,
          encodeMessage({ role: 'operator', name: 'Grace', content: 'while away' }),
        )
        await vi.advanceTimersByTimeAsync(3_000)
        expect(lists()).toBe(hidden)
        expect(texts()).not.toContain('while away')
        env.set({ visible: true })
        await vi.advanceTimersByTimeAsync(0)
        expect(lists()).toBe(hidden + 1)
        expect(texts()).toEqual(['hello', 'from the back office', 'while away'])
        expect(received(arrived).map((message) => message.text)).toEqual(['from the back office', 'while away'])
      } finally {
        chat.unmount()
      }

      // The last subscriber left: no request at all after that, however long we wait, and the page is let go.
      await vi.advanceTimersByTimeAsync(0)
      const atUnmount = requests()
      await vi.advanceTimersByTimeAsync(10_000)
      expect(requests()).toBe(atUnmount)
      expect(env.listeners()).toBe(0)
    })
  })
}
