import { type Client, getThreadStore, type ThreadStore, type ThreadStoreOptions } from '@skein/core'
import { type MaybeRefOrGetter, shallowRef, ssrContextKey, toRef, toValue, watch } from 'vue'
import { injected } from './injected.ts'
import { useClient } from './useClient.ts'
import type { ReadonlyRefs } from './useThread.ts'

/**
 * The setup `useThread` and `useRun` share: binds the shared thread store for (client, `threadId`) from the core
 * registry to the current scope and returns a readonly ref per field of its snapshot (`read`) plus the store's
 * `commands`. It subscribes, follows `threadId` to another store when it changes, and unsubscribes when the scope ends
 * (the store tears itself down when its last subscriber leaves). A `null` thread keeps one store of its own until its
 * first send creates the thread; the registry files that store under the new id, so switching `threadId` to it keeps
 * the streaming reply.
 *
 * @param threadId - the thread (a value, ref or getter), or null for a new one
 * @param options - the composable's options (a value, ref or getter): an explicit client, read once, else the
 *   plugin's, and the store options
 * @param read - picks the snapshot to expose (`getSnapshot` or `getRunSnapshot`)
 * @param commands - the store commands to return, each forwarded to the store bound at call time
 * @param owner - whether this composable owns the store options (`useThread` does; `useRun` only observes, and its
 *   options hold nothing but a client): they are then passed to each store it binds and again whenever they change
 * @returns the refs and the commands
 */
export function useThreadStore<TSnapshot extends object, TCommand extends keyof ThreadStore>(
  threadId: MaybeRefOrGetter<string | null>,
  options: MaybeRefOrGetter<(ThreadStoreOptions & { client?: Client }) | undefined>,
  read: (store: ThreadStore) => TSnapshot,
  commands: readonly TCommand[],
  owner?: boolean,
): ReadonlyRefs<TSnapshot> & Pick<ThreadStore, TCommand> {
  const client = useClient(toValue(options)?.client)
  // The store's part of the options (everything but `client`); spreading also tracks a reactive object's fields.
  const storeOptions = (): ThreadStoreOptions => {
    const { client: _client, ...rest } = toValue(options) ?? {}
    return rest
  }
  let draft: ThreadStore | undefined
  /** The store the thread id names now; a `null` id keeps its draft store until a thread is named. */
  const pick = (): ThreadStore => {
    const id = toValue(threadId)
    // Naming a thread forgets the draft, so a later `null` means "a new thread" again.
    draft = id === null ? (draft ?? getThreadStore(client, id, storeOptions())) : undefined
    return draft ?? getThreadStore(client, id, storeOptions())
  }
  let store = pick()
  const snapshot = shallowRef(read(store))
  // A server render shows the first snapshot and must not subscribe: nothing would ever unsubscribe (SSR never
  // unmounts), and subscribing starts loading history.
  if (!injected(ssrContextKey)) {
    watch(
      // Re-runs when the thread id or the options change: picks the store they name and hands it the options.
      () => {
        store = pick()
        if (owner) store.setOptions(storeOptions())
        return store
      },
      // Runs now, and again only when the picked store changes (a draft named by its first send is the same store
      // and keeps its subscription). Stopping the scope runs the cleanup, which unsubscribes.
      (target, _, onCleanup) => {
        snapshot.value = read(target)
        onCleanup(target.subscribe(() => (snapshot.value = read(target))))
      },
      { immediate: true },
    )
  }
  const result: Record<string, unknown> = {}
  // The store's snapshots always carry every field, so the first one lists them.
  for (const field in snapshot.value) result[field] = toRef(() => snapshot.value[field])
  for (const command of commands) {
    result[command] = (...args: unknown[]) => (store[command] as (...a: unknown[]) => unknown)(...args)
  }
  return result as ReadonlyRefs<TSnapshot> & Pick<ThreadStore, TCommand>
}
