// The per-test fixture shared by the roles scenarios (rolesScenarios.ts) and the live scenarios (liveScenarios.ts): a
// file-owned emulator over real HTTP (ownEmulator.ts), reset before each test, a fresh client and assistant, mounted
// chats unmounted after each test, and readers for the server's side of a thread.
import { type Client, createClient, decodeMessage, type Message, messageText } from '@skein/core'
import type { Emulator, EmulatorStats } from '@skein/emulator'
import { afterEach, beforeEach, expect } from 'vitest'
import type { AuthoredAdapterDriver, AuthoredChatProps, MountedAuthoredChat } from './driver.ts'
import { until } from './driver.ts'
import { serveOwnEmulator } from './ownEmulator.ts'

export const POST_MESSAGES = 'POST /threads/{thread_id}/messages'
export const POST_RUNS = 'POST /threads/{thread_id}/runs'
export const LIST_MESSAGES = 'GET /threads/{thread_id}/messages'

/** A message as the server holds it, decoded by the default roles codec. */
export interface ServerRow {
  id: string
  role: string
  authorRole: string
  authorName: string
  text: string
}

export interface AuthoredSuite {
  emulator: () => Emulator
  url: () => string
  /** The client the chats use (a new one per test, so every test gets fresh stores). */
  client: () => Client
  /** Another party: a client of its own, as a back office, a back-end job or another tab would have. */
  otherClient: () => Client
  assistantId: () => string
  mount: (props?: Partial<AuthoredChatProps>) => MountedAuthoredChat
  stats: () => EmulatorStats
  /** Requests made to one route template since the last reset. */
  count: (route: string) => number
  /** The thread's messages in server order, decoded. */
  serverRows: (threadId: string) => Promise<ServerRow[]>
  /** The thread's messages as they are on the wire (no decoding). */
  wireMessages: (threadId: string) => Promise<Message[]>
  /** Waits until the chat shows a finished reply: run completed, nothing pending, an assistant message last. */
  settled: (chat: MountedAuthoredChat) => Promise<void>
}

/**
 * Registers the fixture in the enclosing `describe`.
 *
 * @param driver - mounts the adapter's authored chat
 * @returns the fixture's accessors, valid inside tests
 */
export function useAuthoredSuite(driver: AuthoredAdapterDriver): AuthoredSuite {
  const server = serveOwnEmulator()
  let client: Client | undefined
  let assistantId: string | undefined
  const mounted: MountedAuthoredChat[] = []
  const newClient = (): Client => createClient({ baseURL: `${server.url()}/v1`, apiKey: 'test' })
  const defined = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('Use the suite inside a test.')
    return value
  }

  beforeEach(async () => {
    // A clean emulator per scenario: no threads, faults, stats or config left over.
    server.emulator().reset()
    client = newClient()
    assistantId = (await client.assistants.create({ model: 'gpt-4o' })).id
  })

  afterEach(() => {
    for (const chat of mounted.splice(0)) chat.unmount()
  })

  const serverRows = async (threadId: string): Promise<ServerRow[]> => {
    const out: ServerRow[] = []
    for await (const listed of newClient().messages.list(threadId, { order: 'asc', limit: 100 })) {
      const message = decodeMessage(listed)
      out.push({
        id: message.id,
        role: message.role,
        authorRole: message.author.role,
        authorName: message.author.name ?? '',
        text: messageText(message),
      })
    }
    return out
  }

  return {
    emulator: server.emulator,
    url: server.url,
    client: () => defined(client),
    otherClient: newClient,
    assistantId: () => defined(assistantId),
    mount(props = {}) {
      const chat = driver.mount({
        client: defined(client),
        threadId: null,
        assistantId: defined(assistantId),
        ...props,
      })
      mounted.push(chat)
      return chat
    },
    stats: () => server.emulator().stats(),
    count: (route) => server.emulator().stats().requests[route] ?? 0,
    serverRows,
    async wireMessages(threadId) {
      const response = await fetch(`${server.url()}/v1/threads/${threadId}/messages?order=asc&limit=100`)
      return ((await response.json()) as { data: Message[] }).data
    },
    async settled(chat) {
      await until(() => {
        const state = chat.state()
        expect(state.status).toBe('completed')
        expect(state.messages.at(-1)?.role).toBe('assistant')
        expect(state.queued).toBe(0)
        expect(state.messages.every((message) => message.local === undefined)).toBe(true)
      })
    },
  }
}
