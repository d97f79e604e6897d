import { type Client, getThreadStore, type ThreadStore, type ThreadStoreOptions } from '@skein/core'
import {
  getCurrentScope,
  hasInjectionContext,
  inject,
  type MaybeRefOrGetter,
  onScopeDispose,
  type ShallowRef,
  shallowRef,
  ssrContextKey,
  toRef,
  toValue,
  watch,
} from 'vue'
import type { ReadonlyRefs } from './useThread.ts'

/** A thread store bound to a scope: one snapshot ref that follows whichever store the thread id names. */
export interface ThreadBinding<TSnapshot> {
  /** The bound store's snapshot (or its run half), replaced whole on each change. */
  readonly snapshot: Readonly<ShallowRef<TSnapshot>>
  /** The store bound right now; it changes when the thread id does. */
  readonly store: () => ThreadStore
}

/**
 * Binds the shared thread store for (`client`, `threadId`) from the core registry to the current scope: subscribes,
 * follows `threadId` to another store when it changes, and unsubscribes when the scope ends (the store tears itself
 * down when its last subscriber leaves). A `null` thread keeps one store of its own until its first send creates the
 * thread; the registry files that store under the new id, so switching `threadId` to it keeps the streaming reply.
 *
 * @param client - the client
 * @param threadId - the thread (a value, ref or getter), or null for a new one
 * @param read - picks the snapshot to expose (`getSnapshot` or `getRunSnapshot`)
 * @param options - the store options; given, they are passed to the store now and whenever they change
 * @returns the snapshot ref and the current store
 */
export function useThreadStore<TSnapshot>(
  client: Client,
  threadId: MaybeRefOrGetter<string | null>,
  read: (store: ThreadStore) => TSnapshot,
  options?: () => ThreadStoreOptions,
): ThreadBinding<TSnapshot> {
  let draft: ThreadStore | null = null
  function pick(id: string | null): ThreadStore {
    if (id !== null) {
      // Forget the draft once a thread is named, so a later `null` means "a new thread" again.
      draft = null
      return getThreadStore(client, id, options?.())
    }
    draft ??= getThreadStore(client, null, options?.())
    return draft
  }

  let store = pick(toValue(threadId))
  const snapshot = shallowRef(read(store))
  function bind(target: ThreadStore): () => void {
    if (options !== undefined) target.setOptions(options())
    const stop = target.subscribe(() => {
      snapshot.value = read(target)
    })
    snapshot.value = read(target)
    return stop
  }
  // A server render shows the first snapshot and must not subscribe: nothing would ever unsubscribe (SSR never
  // unmounts), and subscribing starts loading history.
  if (isServerRender()) return { snapshot, store: () => store }
  let unsubscribe = bind(store)

  watch(
    () => toValue(threadId),
    (id) => {
      const next = pick(id)
      if (next === store) return
      const previous = unsubscribe
      store = next
      unsubscribe = bind(next)
      previous()
    },
  )
  if (options !== undefined) watch(options, (next) => store.setOptions(next))
  if (getCurrentScope() !== undefined) onScopeDispose(() => unsubscribe())
  return { snapshot, store: () => store }
}

/** Whether this setup runs inside `renderToString` (which provides the SSR context). */
function isServerRender(): boolean {
  return hasInjectionContext() && inject(ssrContextKey, null) !== null
}

/** The fields every run snapshot has, exposed as refs by `useRun` and (with the thread's own) by `useThread`. */
export const RUN_FIELDS = ['threadId', 'status', 'run', 'steps', 'toolCalls', 'usage', 'error'] as const

/**
 * The composables' return value: a readonly ref per snapshot field, and the store commands, each forwarded to the
 * store bound at call time (the thread id may have changed since setup).
 *
 * @param binding - the scope's binding from {@link useThreadStore}
 * @param fields - the snapshot fields to expose
 * @param commands - the store commands to expose
 * @returns the refs and the commands
 */
export function bindReturn<TSnapshot, TCommand extends keyof ThreadStore>(
  binding: ThreadBinding<TSnapshot>,
  fields: readonly (keyof TSnapshot)[],
  commands: readonly TCommand[],
): ReadonlyRefs<TSnapshot> & Pick<ThreadStore, TCommand> {
  const result: Record<string, unknown> = {}
  for (const field of fields) result[field as string] = toRef(() => binding.snapshot.value[field])
  for (const command of commands) {
    result[command] = (...args: unknown[]) => (binding.store()[command] as (...a: unknown[]) => unknown)(...args)
  }
  return result as ReadonlyRefs<TSnapshot> & Pick<ThreadStore, TCommand>
}
