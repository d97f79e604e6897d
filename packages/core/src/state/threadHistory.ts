import type { Client } from '../client/createClient.ts'
import type { MessageListQuery } from '../client/params.ts'
import type { Message } from '../schemas/index.ts'
import type { ThreadModel } from './threadModel.ts'
import type { LocalMessage, ThreadMessage } from './threadSnapshot.ts'

/** Reading the thread from the server: the newest page, older pages, and whatever is newer than what we have. */
export interface ThreadHistory {
  /** Loads the newest page (and follows a run already active), or with `older` the next page of older messages. */
  load(older?: boolean): Promise<void>
  /**
   * Lists every message after `syncedId` (all pages, ascending) and merges it in server order. Returns the messages
   * that were new to the store; with `quiet`, `onMessage` is not told about them (the store's own seed).
   */
  syncNewer(signal: AbortSignal, quiet?: boolean): Promise<Message[]>
  /**
   * After a run that was polled: `syncNewer`, then re-reads the run's messages and replaces the copies that changed
   * (a refresh or a load may have listed its reply half-written, and REST messages carry no `status` to tell).
   */
  syncRun(runId: string, signal: AbortSignal): Promise<void>
}

/**
 * Creates the history half of a thread store.
 *
 * @param model - the store's model
 * @param client - the client
 * @param follow - the run driver's `follow` (a run found active on load is followed)
 * @param decorate - the roles decode, for `onMessage`
 * @returns the history operations
 */
export function createThreadHistory(
  model: ThreadModel,
  client: Client,
  follow: () => Promise<boolean>,
  decorate: (message: LocalMessage) => ThreadMessage,
): ThreadHistory {
  /** Every message of the thread that `query` selects, ascending; throws when the store moved on meanwhile. */
  async function listAll(query: MessageListQuery, signal: AbortSignal): Promise<Message[]> {
    const life = model.life
    const all: Message[] = []
    for await (const message of client.messages.list(model.id!, { ...query, order: 'asc', limit: 100 }, { signal })) {
      all.push(message)
    }
    life.throwIfAborted()
    return all
  }

  async function syncNewer(signal: AbortSignal, quiet?: boolean): Promise<Message[]> {
    const after = model.syncedId
    const tail = await listAll({ after: after ?? undefined }, signal)
    if (!tail.length) return []
    model.syncedId = tail.at(-1)!.id
    const added = model.merge(tail, after)
    for (const message of added) {
      if (!quiet && !model.own.has(message.run_id!)) model.options.onMessage?.(decorate(message))
    }
    return added
  }

  return {
    async load(older) {
      const life = model.life
      const id = model.id
      // History is listed newest first: older pages come `after` the oldest message we have. Without one (a page
      // said `has_more` but held nothing) there is no cursor, and asking again would re-read the newest page.
      const after = older ? model.committed[0]?.id : undefined
      if (id === null || (older && (!model.hasMore || model.loadingMore || !after))) return
      if (older) model.set({ loadingMore: true })
      const query = { order: 'desc', limit: model.options.pageSize ?? 20, after } as const
      const page = await client.messages
        .list(id, query, { signal: life })
        .firstPage()
        .catch((cause: unknown) => ({ cause }))
      if (life.aborted) return
      if (model.status === 'loading') model.status = 'idle'
      model.loadingMore = false
      if ('cause' in page) return void model.report(page.cause)
      model.syncedId ??= page.data[0]?.id ?? null
      model.hasMore = page.has_more
      model.merge(page.data.slice().reverse(), null)
      // Called without a waiter (`void load()`): a failed lookup of the newest run is reported, never thrown.
      if (!older) await follow().catch((cause: unknown) => life.aborted || model.report(cause))
    },
    syncNewer,
    async syncRun(runId, signal) {
      await syncNewer(signal)
      model.merge(await listAll({ run_id: runId }, signal))
    },
  }
}
