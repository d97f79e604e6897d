'use client'

import { type Client, getThreadStore, type ThreadStore, type ThreadStoreOptions } from '@skein/core'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useClient } from './useClient.ts'

/** The store of a `null` thread, kept in state with the client it was made for. */
type Draft = readonly [client: Client, store: ThreadStore]

/** The options of `useThread` and `useRun`: store options (only `useThread` has any) and an explicit client. */
type HookOptions = ThreadStoreOptions & { client?: Client }

/** The store's part of the hook options (everything but `client`). */
const storeOptions = ({ client: _client, ...rest }: HookOptions): ThreadStoreOptions => rest

/** The store method that gives the snapshot a hook returns. */
type Read = 'getSnapshot' | 'getRunSnapshot'

/** What the hooks return: the snapshot `TRead` gives, plus the `TCommand` store commands. */
type StoreState<TRead extends Read, TCommand extends keyof ThreadStore> = ReturnType<ThreadStore[TRead]> &
  Pick<ThreadStore, TCommand>

/**
 * The setup `useThread` and `useRun` share: the shared thread store for (client, `threadId`) from the core registry
 * (`getThreadStore`), subscribed through `useSyncExternalStore`, returned as one snapshot (`read`) plus the store's
 * `commands`, a new object only when the snapshot or the store changes.
 *
 * A `null` thread has no registry entry, so each component instance keeps one store of its own (in state) until its
 * first send creates the thread; the registry then files that same store under the new id, so an app that switches
 * `threadId` to it in `onThreadCreated` keeps the streaming reply. Going back to `null` later starts a fresh store.
 * Nothing is disposed here: the store tears itself down when its last subscriber leaves.
 *
 * @param threadId - the thread, or null for a new one
 * @param options - the hook's options: an explicit client (else the provider's) and the store options
 * @param read - the store method that gives the snapshot (`getSnapshot` or `getRunSnapshot`)
 * @param commands - the store commands to return
 * @param owner - whether this hook owns the store options (`useThread` does; `useRun` only observes, and its options
 *   hold nothing but a client): they are then passed through `setOptions` after each commit that changed them
 * @returns the snapshot and the commands
 */
export function useThreadStore<TRead extends Read, TCommand extends keyof ThreadStore>(
  threadId: string | null,
  options: HookOptions,
  read: TRead,
  commands: readonly TCommand[],
  owner?: boolean,
): StoreState<TRead, TCommand> {
  const client = useClient(options.client)
  const [draft, setDraft] = useState<Draft>()
  let store: ThreadStore
  if (threadId === null && draft?.[0] === client) store = draft[1]
  else {
    store = getThreadStore(client, threadId, storeOptions(options))
    // React's "adjust state during render" (the component renders again at once): keep a null thread's own store,
    // and forget it once a thread is named, so a later `null` means "a new thread" again.
    if (threadId === null) setDraft([client, store])
    else if (draft) setDraft(undefined)
  }
  useEffect(() => {
    if (owner) store.setOptions(storeOptions(options))
  }, [store, options, owner])
  const snapshot = useSyncExternalStore(store.subscribe, store[read], store[read])
  return useMemo(() => {
    const state = Object.assign(Object.fromEntries(commands.map((name) => [name, store[name]])), snapshot)
    return state as StoreState<TRead, TCommand>
  }, [snapshot, store, commands])
}
