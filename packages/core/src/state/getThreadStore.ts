import type { Client } from '../client/createClient.ts'
import { createThreadStore, type ThreadStore, type ThreadStoreOptions } from './createThreadStore.ts'

const registry = new WeakMap<Client, Map<string, ThreadStore>>()

/**
 * The thread store for (`client`, `threadId`): created on first use and shared by every caller after that, so
 * `useThread` and `useRun` in different components on the same thread see one state. A `null` thread gets a store of
 * its own, registered under its id once its first send has created the thread, so that switching the hook to that id
 * keeps the streaming reply. A store leaves the registry when its last subscriber does.
 *
 * @param client - a client from `createClient`
 * @param threadId - the thread, or null for a new one
 * @param options - used when the store is created; later callers pass theirs through `setOptions`
 * @returns the shared store
 */
export function getThreadStore(client: Client, threadId: string | null, options: ThreadStoreOptions = {}): ThreadStore {
  const byId = registry.get(client) ?? new Map<string, ThreadStore>()
  registry.set(client, byId)
  // A null thread is never a key: it gets a store of its own.
  const known = byId.get(threadId ?? '')
  if (known) return known
  const store = createThreadStore(
    client,
    { ...options, threadId },
    {
      onThreadId(id) {
        if (!byId.has(id)) byId.set(id, store)
      },
      onTeardown() {
        // It may hold two keys (its first thread and one it created after a switch to null): both go.
        for (const [key, known] of byId) if (known === store) byId.delete(key)
      },
    },
  )
  if (threadId !== null) byId.set(threadId, store)
  return store
}
