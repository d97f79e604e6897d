import type { Client } from '../client/createClient.ts'
import type { Message } from '../schemas/index.ts'
import { mergeOlder } from './messageRows.ts'
import type { RunDriver } from './runDriver.ts'
import { latestRun } from './serverRuns.ts'
import type { ThreadModel } from './threadModel.ts'
import { isRunActive, type LocalMessage, type ThreadMessage } from './threadSnapshot.ts'

const DEFAULT_PAGE_SIZE = 20

/** Reading the thread from the server: the newest page, older pages, and whatever is newer than what we have. */
export interface ThreadHistory {
  load(): Promise<void>
  loadMore(): Promise<void>
  /**
   * Lists every message after `syncedId` (all pages, ascending) and makes it the committed tail in server order.
   * Returns the messages that were new to the store.
   */
  syncNewer(signal: AbortSignal): Promise<Message[]>
  /**
   * Re-reads the messages of a run that just ended and replaces the copies that changed: a refresh (or a load) may
   * have listed its reply half-written, and REST messages carry no `status` to tell.
   */
  syncRun(runId: string, signal: AbortSignal): Promise<void>
  /** Notes ids this store wrote itself, so `onMessage` never fires for them. */
  markOwn(id: string): void
  /** Takes `messages` (the start of a thread this store created) as committed and synced. */
  adopt(messages: readonly Message[]): void
  /** Follows the thread's newest run if it is active and not ours; returns whether it did. */
  followActiveRun(signal: AbortSignal): Promise<boolean>
}

/**
 * Creates the history half of a thread store.
 *
 * @param model - the store's model
 * @param client - the client
 * @param driver - the run driver (a run found active on load is followed)
 * @param decorate - the roles decode, for `onMessage`
 * @returns the history operations
 */
export function createThreadHistory(
  model: ThreadModel,
  client: Client,
  driver: RunDriver,
  decorate: (message: LocalMessage) => ThreadMessage,
): ThreadHistory {
  const own = new Set<string>()
  const pageSize = () => model.options.pageSize ?? DEFAULT_PAGE_SIZE

  async function load(): Promise<void> {
    const id = model.threadId
    if (id === null) return
    const gen = model.generation
    const signal = model.lifecycle.signal
    try {
      const page = await client.messages.list(id, { order: 'desc', limit: pageSize() }, { signal }).firstPage()
      if (gen !== model.generation) return
      model.committed = mergeOlder(model.committed, page.data.slice().reverse())
      model.hasMore = page.has_more
      model.oldestId = page.data.at(-1)?.id ?? null
      model.syncedId ??= page.data[0]?.id ?? null
      if (model.status === 'loading') model.status = 'idle'
      model.changed()
      await followActiveRun(id, signal, gen)
    } catch (cause) {
      if (gen !== model.generation) return
      if (model.status === 'loading') model.status = 'idle'
      model.report(cause)
    }
  }

  /** Follows a run that holds the thread (a reload mid-run, another tab, a back-end job). */
  async function followActiveRun(threadId: string, signal: AbortSignal, gen = model.generation): Promise<boolean> {
    const latest = await latestRun(client, threadId, signal)
    if (gen !== model.generation || latest === undefined) return false
    driver.note(latest.id)
    if (!isRunActive(latest.status) || driver.busy()) return false
    driver.follow(latest)
    return true
  }

  async function loadMore(): Promise<void> {
    const id = model.threadId
    if (id === null || !model.hasMore || model.loadingMore || model.oldestId === null) return
    const gen = model.generation
    model.loadingMore = true
    model.changed()
    try {
      const query = { order: 'desc', after: model.oldestId, limit: pageSize() } as const
      const page = await client.messages.list(id, query, { signal: model.lifecycle.signal }).firstPage()
      if (gen !== model.generation) return
      model.committed = mergeOlder(model.committed, page.data.slice().reverse())
      model.hasMore = page.has_more
      model.oldestId = page.data.at(-1)?.id ?? model.oldestId
    } catch (cause) {
      if (gen === model.generation) model.report(cause)
    } finally {
      if (gen === model.generation) {
        model.loadingMore = false
        model.changed()
      }
    }
  }

  async function syncNewer(signal: AbortSignal): Promise<Message[]> {
    const id = model.threadId
    if (id === null) return []
    const gen = model.generation
    const after = model.syncedId
    const query = after === null ? { order: 'asc' as const, limit: 100 } : { order: 'asc' as const, after, limit: 100 }
    const tail: Message[] = []
    for await (const message of client.messages.list(id, query, { signal })) tail.push(message)
    if (gen !== model.generation || tail.length === 0) return []

    // The listed tail is the server's order after `after`. Known messages keep their object unless their content
    // changed (no re-render); committed messages the listing did not return yet (just delivered) stay at the end.
    const known = new Map(model.committed.map((message) => [message.id, message]))
    const kept = (message: Message): Message => {
      const mine = known.get(message.id)
      return mine !== undefined && sameContent(mine, message) ? mine : message
    }
    const at = after === null ? -1 : model.committed.findIndex((message) => message.id === after)
    const cut = after === null ? 0 : at === -1 ? model.committed.length : at + 1
    const listed = new Set(tail.map((message) => message.id))
    const fresh = tail.filter((message) => !known.has(message.id))
    model.committed = [
      ...model.committed.slice(0, cut).filter((message) => !listed.has(message.id)),
      ...tail.map(kept),
      ...model.committed.slice(cut).filter((message) => !listed.has(message.id)),
    ]
    model.syncedId = tail.at(-1)?.id ?? model.syncedId
    model.changed()
    const onMessage = model.options.onMessage
    if (onMessage !== undefined) {
      for (const message of fresh) if (!isOwn(message)) onMessage(decorate(message))
    }
    return fresh
  }

  async function syncRun(runId: string, signal: AbortSignal): Promise<void> {
    const id = model.threadId
    if (id === null) return
    const gen = model.generation
    const fresh: Message[] = []
    for await (const message of client.messages.list(id, { run_id: runId, order: 'asc', limit: 100 }, { signal })) {
      fresh.push(message)
    }
    if (gen !== model.generation) return
    const at = new Map(model.committed.map((message, index) => [message.id, index]))
    let next: Message[] | undefined
    for (const message of fresh) {
      const index = at.get(message.id)
      const mine = index === undefined ? undefined : model.committed[index]
      if (index === undefined || mine === undefined || sameContent(mine, message)) continue
      next ??= model.committed.slice()
      next[index] = message
    }
    if (next === undefined) return
    model.committed = next
    model.changed()
  }

  function isOwn(message: Message): boolean {
    return own.has(message.id) || (typeof message.run_id === 'string' && driver.isOwnRun(message.run_id))
  }

  return {
    load,
    loadMore,
    syncNewer,
    syncRun,
    markOwn(id) {
      own.add(id)
    },
    adopt(messages) {
      if (messages.length === 0) return
      model.commit(messages)
      model.syncedId = messages.at(-1)?.id ?? model.syncedId
    },
    followActiveRun(signal) {
      return model.threadId === null ? Promise.resolve(false) : followActiveRun(model.threadId, signal)
    },
  }
}

/** Whether two copies of a message show the same thing (content and status), so the older object can stay. */
function sameContent(a: Message, b: Message): boolean {
  if (a === b) return true
  if ((a.status ?? 'completed') !== (b.status ?? 'completed')) return false
  return JSON.stringify(a.content) === JSON.stringify(b.content)
}
