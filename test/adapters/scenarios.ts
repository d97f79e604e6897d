// The adapter scenario suite, written once and run against every adapter (React, Vue). A driver mounts a chat
// component built from the adapter's `useThread` + `useRun`, rendered to the DOM contract of driver.ts; the scenarios act
// through the hooks' commands and read the DOM. The backend is @skein/emulator over real HTTP on 127.0.0.1, started by
// the project's global setup (test/adapters/emulatorSetup.ts), with faults through `POST /__emulator/faults`.
import { type Client, createClient, getThreadStore, messageText } from '@skein/core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { type AdapterDriver, type ChatProps, chatAttribute, type MountedChat, rows, until } from './driver.ts'

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
} as const

/**
 * Registers the scenarios for one adapter.
 *
 * @param driver - mounts the adapter's chat component
 */
export function defineScenarios(driver: AdapterDriver): void {
  describe(`${driver.name} adapter scenarios`, () => {
    const url = inject('emulatorURL')
    let client: Client
    let assistantId: string
    const mounted: MountedChat[] = []

    async function control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
      const response = await fetch(`${url}/__emulator/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      if (!response.ok) throw new Error(`${method} /__emulator/${path}: ${response.status} ${await response.text()}`)
      return response.json()
    }
    const addFault = (fault: Record<string, unknown>) => control('POST', 'faults', fault)
    const tokenDelay = (ms: number) => control('POST', 'config', { tokenDelayMs: ms })
    const stats = async () =>
      (await control('GET', 'stats')) as {
        requests: Record<string, number>
        runsCreated: number
        faultsApplied: number
      }

    function mount(props: Partial<ChatProps> = {}): MountedChat {
      const chat = driver.mount({ client, threadId: null, assistantId, ...props })
      mounted.push(chat)
      return chat
    }

    async function serverMessages(threadId: string): Promise<{ id: string; role: string; text: string }[]> {
      const out: { id: string; role: string; text: string }[] = []
      for await (const message of client.messages.list(threadId, { order: 'asc', limit: 100 })) {
        out.push({ id: message.id, role: message.role, text: messageText(message) })
      }
      return out
    }

    /** Waits until the chat shows a finished reply: run completed, nothing pending, an assistant message last. */
    async function settled(chat: MountedChat): Promise<void> {
      await until(() => {
        const state = chat.state()
        expect(state.status).toBe('completed')
        expect(state.messages.at(-1)?.role).toBe('assistant')
        expect(state.queued).toBe(0)
        expect(state.messages.every((message) => message.local === undefined)).toBe(true)
      })
    }

    beforeEach(async () => {
      // A clean emulator per scenario: no threads, faults, stats or config left over.
      await control('POST', 'reset')
      client = createClient({ baseURL: `${url}/v1`, apiKey: 'test' })
      const assistant = await client.assistants.create({ model: 'gpt-4o', tools: [WEATHER_TOOL] })
      assistantId = assistant.id
    })

    afterEach(() => {
      for (const chat of mounted.splice(0)) chat.unmount()
    })

    it('streams a reply into the list, showing the optimistic message before the POST resolves', async () => {
      await addFault({ match: 'POST /threads/*/messages', kind: 'delay', ms: 400 })
      await tokenDelay(15)
      const chat = mount()
      let posted = false
      const sent = chat
        .commands()
        .send('Hello there')
        .then((message) => {
          posted = true
          return message
        })
      const optimistic = await until(() => {
        const [row] = rows(chat.container)
        expect(row).toMatchObject({ role: 'user', local: 'sending', text: 'Hello there' })
        return row
      })
      expect(posted).toBe(false)
      expect(optimistic?.id.startsWith('msg_')).toBe(false)
      const partial = await until(() => {
        const reply = rows(chat.container).find((row) => row.role === 'assistant')
        expect(reply?.local).toBe('streaming')
        expect(reply?.text.length).toBeGreaterThan(0)
        return reply?.text ?? ''
      })
      const message = await sent
      expect(message.id).toMatch(/^msg_/)
      await settled(chat)
      const threadId = chat.state().threadId!
      const server = await serverMessages(threadId)
      expect(server.map((row) => row.role)).toEqual(['user', 'assistant'])
      expect(rows(chat.container)).toEqual(server.map((row) => ({ ...row, local: '' })))
      expect(server[1]?.text.startsWith(partial)).toBe(true)
      expect(server[1]?.text.length).toBeGreaterThan(partial.length)
      expect(chatAttribute(chat.container, 'threadId')).toBe(threadId)
    })

    it('leaves a failed message on a 500, delivers it once on retry() and removes one with discard()', async () => {
      const thread = await client.threads.create()
      const chat = mount({ threadId: thread.id })
      await until(() => expect(chat.state().status).toBe('idle'))
      const before = await stats()
      await addFault({ match: 'POST /threads/*/messages', kind: 'status', status: 500 })
      const failed = await chat.commands().send('first try')
      expect(failed.local?.status).toBe('failed')
      await until(() => expect(rows(chat.container)).toMatchObject([{ local: 'failed', text: 'first try' }]))
      await until(() => expect(chat.state().error).not.toBeNull())

      const delivered = await chat.commands().retry(failed.id)
      expect(delivered.id).toMatch(/^msg_/)
      await settled(chat)
      const after = await stats()
      const posts = (s: typeof before) => s.requests['POST /threads/{thread_id}/messages'] ?? 0
      // Two POSTs (the failed one and the retry), one message on the server, one run (the failed send started none).
      expect(posts(after) - posts(before)).toBe(2)
      expect(after.runsCreated - before.runsCreated).toBe(1)
      expect((await serverMessages(thread.id)).filter((row) => row.text === 'first try')).toHaveLength(1)

      await addFault({ match: 'POST /threads/*/messages', kind: 'status', status: 500 })
      const second = await chat.commands().send('second try')
      await until(() => expect(rows(chat.container).at(-1)).toMatchObject({ local: 'failed', text: 'second try' }))
      chat.commands().discard(second.id)
      await until(() => expect(rows(chat.container).some((row) => row.text === 'second try')).toBe(false))
      expect((await serverMessages(thread.id)).some((row) => row.text === 'second try')).toBe(false)
      expect(rows(chat.container)).toHaveLength(2)
    })

    it('delivers five sends made during an active run, in order, with no error', async () => {
      await tokenDelay(10)
      const chat = mount()
      void chat.commands().send('[deltas:30]')
      await until(() => expect(chat.state().runStatus).toBe('in_progress'))
      const words = ['one', 'two', 'three', 'four', 'five']
      const sends = words.map((word) => chat.commands().send(word))
      await until(() => expect(chat.state().queued).toBe(5))
      await Promise.all(sends)
      await settled(chat)
      expect(chat.state().error).toBeNull()
      const server = await serverMessages(chat.state().threadId!)
      const users = server.filter((row) => row.role === 'user').map((row) => row.text)
      expect(users).toEqual(['[deltas:30]', ...words])
      expect(rows(chat.container).map(({ id, text }) => ({ id, text }))).toEqual(
        server.map(({ id, text }) => ({ id, text })),
      )
    })

    it('cancels mid-stream: the run ends cancelled on the server and the next send goes at once', async () => {
      await tokenDelay(15)
      const chat = mount()
      void chat.commands().send('[deltas:400]')
      await until(() => {
        const reply = rows(chat.container).find((row) => row.role === 'assistant')
        expect(reply?.text.length).toBeGreaterThan(0)
      })
      const threadId = chat.state().threadId!
      await chat.commands().cancel()
      await until(() => expect(chat.state().runStatus).toBe('cancelled'))
      expect(chatAttribute(chat.container, 'runStatus')).toBe('cancelled')
      const [run] = (await client.runs.list(threadId, { limit: 1, order: 'desc' }).firstPage()).data
      expect(run?.status).toBe('cancelled')

      // Slow the POST down so the row can be seen: `sending` (going out now), not `queued` (waiting for the thread).
      await addFault({ match: 'POST /threads/*/messages', kind: 'delay', ms: 300 })
      await tokenDelay(0)
      const next = chat.commands().send('after the cancel')
      await until(() =>
        expect(rows(chat.container).at(-1)).toMatchObject({ local: 'sending', text: 'after the cancel' }),
      )
      await next
      await settled(chat)
      expect(chat.state().error).toBeNull()
      const server = await serverMessages(threadId)
      expect(server.at(-2)?.text).toBe('after the cancel')
      expect(server.at(-1)?.role).toBe('assistant')
    })

    it('completes a tool round trip with a registered client tool', async () => {
      const calls: unknown[] = []
      const chat = mount({
        tools: {
          get_weather: (args) => {
            calls.push(args)
            return { celsius: 21 }
          },
        },
      })
      await chat.commands().send('get_weather in Paris')
      await settled(chat)
      expect(calls).toEqual([{ city: 'Paris' }])
      expect(chat.state().toolCalls).toMatchObject([{ name: 'get_weather', status: 'done' }])
      const reply = rows(chat.container).at(-1)
      expect(reply?.role).toBe('assistant')
      expect(reply?.text).toContain('get_weather returned')
      expect(reply?.text).toContain('21')
    })

    it('completes the run when a registered tool throws', async () => {
      const chat = mount({
        tools: {
          get_weather: () => {
            throw new Error('weather service down')
          },
        },
      })
      await chat.commands().send('get_weather in Oslo')
      await settled(chat)
      expect(chat.state().toolCalls).toMatchObject([{ name: 'get_weather', status: 'error' }])
      expect(rows(chat.container).at(-1)?.text).toContain('weather service down')
    })

    it('ends a dropped stream with the server’s final messages and no duplicate', async () => {
      await tokenDelay(5)
      // Cut the run's stream after a dozen events (a few deltas into the reply); the run goes on on the server.
      await addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterEvents: 12 })
      const chat = mount()
      await chat.commands().send('[deltas:60]')
      await settled(chat)
      const server = await serverMessages(chat.state().threadId!)
      expect(server.map((row) => row.role)).toEqual(['user', 'assistant'])
      expect(server[1]?.text.split(' ')).toHaveLength(60)
      expect(rows(chat.container)).toEqual(server.map((row) => ({ ...row, local: '' })))
      const { requests, faultsApplied } = await stats()
      expect(faultsApplied).toBe(1)
      // The store followed the run by polling after the drop.
      expect(requests['GET /threads/{thread_id}/runs/{run_id}']).toBeGreaterThan(0)
    })

    it('pages 120 messages of history in with loadMore(), oldest first', async () => {
      const thread = await client.threads.create()
      const texts = Array.from({ length: 120 }, (_, i) => `history ${String(i + 1).padStart(3, '0')}`)
      for (const [i, text] of texts.entries()) {
        await client.messages.create(thread.id, { role: i % 2 === 0 ? 'user' : 'assistant', content: text })
      }
      const chat = mount({ threadId: thread.id, pageSize: 25 })
      await until(() => expect(rows(chat.container)).toHaveLength(25))
      expect(rows(chat.container).map((row) => row.text)).toEqual(texts.slice(-25))
      for (let page = 2; page <= 5; page++) {
        expect(chat.state().hasMore).toBe(true)
        await chat.commands().loadMore()
        await until(() => expect(rows(chat.container)).toHaveLength(page * 25 - (page === 5 ? 5 : 0)))
      }
      await until(() => expect(chat.state().hasMore).toBe(false))
      expect(rows(chat.container).map((row) => row.text)).toEqual(texts)
      expect(new Set(rows(chat.container).map((row) => row.id)).size).toBe(120)
    })

    it('renders far fewer times than a 2,000-delta reply has deltas, and never re-renders finished rows', async () => {
      const chat = mount()
      await chat.commands().send('hello')
      await settled(chat)
      const finished = rows(chat.container).map((row) => row.id)
      expect(finished).toHaveLength(2)
      const rowRendersBefore = finished.map((id) => chat.rowRenders(id))
      const rendersBefore = chat.renders()

      await tokenDelay(1)
      await chat.commands().send('[deltas:2000]')
      await settled(chat)
      const reply = chat.state().messages.at(-1)!
      expect(reply.role).toBe('assistant')
      expect(messageText(reply).split(' ')).toHaveLength(2000)
      const renders = chat.renders() - rendersBefore
      expect(renders).toBeGreaterThan(1)
      expect(renders).toBeLessThan(200)
      expect(finished.map((id) => chat.rowRenders(id))).toEqual(rowRendersBefore)
    })

    it('aborts the request and leaves no subscription when unmounted mid-stream', async () => {
      const requests: { method: string; url: string; signal: AbortSignal | undefined }[] = []
      const watched = createClient({
        baseURL: `${url}/v1`,
        apiKey: 'test',
        fetch: (input, init) => {
          requests.push({ method: init?.method ?? 'GET', url: String(input), signal: init?.signal ?? undefined })
          return fetch(input, init)
        },
      })
      await tokenDelay(20)
      const chat = driver.mount({ client: watched, threadId: null, assistantId })
      void chat.commands().send('[deltas:500]')
      await until(() => expect(rows(chat.container).find((row) => row.role === 'assistant')?.text).toBeTruthy())
      const threadId = chat.state().threadId!
      const store = getThreadStore(watched, threadId)
      const stream = requests.find((request) => request.method === 'POST' && /\/runs$/.test(request.url))
      expect(stream?.signal?.aborted).toBe(false)
      chat.unmount()
      await until(() => expect(stream?.signal?.aborted).toBe(true))
      // The store leaves the registry only when its last subscriber is gone (and it has torn down).
      expect(getThreadStore(watched, threadId)).not.toBe(store)
      expect(chat.container.querySelectorAll('li')).toHaveLength(0)
    })
  })
}
