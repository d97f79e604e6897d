'use client'

import { type Client, getThreadStore, type ThreadStore, type ThreadStoreOptions } from '@skein/core'
import { useState } from 'react'

interface Draft {
  readonly client: Client
  readonly store: ThreadStore
}

/**
 * The shared thread store for (`client`, `threadId`), from the core registry (`getThreadStore`).
 *
 * A `null` thread has no registry entry, so each component instance keeps one store of its own (in state) until its
 * first send creates the thread; the registry then files that same store under the new id, so an app that switches
 * `threadId` to it in `onThreadCreated` keeps the streaming reply. Going back to `null` later starts a fresh store.
 * Nothing is disposed here: the store tears itself down when its last subscriber leaves.
 *
 * @param client - the client
 * @param threadId - the thread, or null for a new one
 * @param options - used only when this call creates the store
 * @returns the store
 */
export function useThreadStore(
  client: Client,
  threadId: string | null,
  options: ThreadStoreOptions | undefined,
): ThreadStore {
  const [draft, setDraft] = useState<Draft | null>(null)
  if (threadId !== null) {
    // Forget the draft once the app names a thread, so a later `null` means "a new thread" again.
    if (draft !== null) setDraft(null)
    return getThreadStore(client, threadId, options)
  }
  if (draft !== null && draft.client === client) return draft.store
  const store = getThreadStore(client, null, options)
  // React's "adjust state during render": the component renders again at once with the draft kept.
  setDraft({ client, store })
  return store
}
