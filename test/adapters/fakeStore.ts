// A tiny stand-in for the core thread store, for the adapters' wiring tests: it records subscriptions and option
// updates and publishes whatever snapshot a test pushes. Behaviour belongs to core's own tests, not to these.
import type { Client, RunSnapshot, ThreadSnapshot, ThreadStore, ThreadStoreOptions } from '@skein/core'

export interface FakeStore extends ThreadStore {
  /** Replaces fields of the snapshot and notifies, like a store change. */
  emit: (patch: Partial<ThreadSnapshot>) => void
  /** Notifies the listeners without changing the snapshot (a store may notify for a change nobody can see). */
  poke: () => void
  /** Listeners subscribed right now. */
  listeners: () => number
  /** How many times `subscribe` was called. */
  subscriptions: number
  /** Every `setOptions` call, in order. */
  optionsSeen: ThreadStoreOptions[]
  /** The options the store was created with. */
  created: ThreadStoreOptions | undefined
}

// Written out instead of calling core's initialThreadSnapshot: the wiring tests mock '@skein/core' with a factory that
// imports this file, so a runtime import of '@skein/core' here would be circular and hang the mock.
export function fakeSnapshot(threadId: string | null, patch: Partial<ThreadSnapshot> = {}): ThreadSnapshot {
  return {
    threadId,
    status: threadId === null ? 'idle' : 'loading',
    messages: [],
    hasMore: false,
    loadingMore: false,
    queued: 0,
    run: null,
    steps: [],
    toolCalls: [],
    usage: null,
    error: null,
    ...patch,
  }
}

export function createFakeStore(threadId: string | null, created?: ThreadStoreOptions): FakeStore {
  let snapshot = fakeSnapshot(threadId)
  let runSnapshot: RunSnapshot | undefined
  const listeners = new Set<() => void>()
  const done = <T>(value: T) => Promise.resolve(value)
  const fake: FakeStore = {
    getSnapshot: () => snapshot,
    getRunSnapshot() {
      const { threadId: id, status, run, steps, toolCalls, usage, error } = snapshot
      const next = { threadId: id, status, run, steps, toolCalls, usage, error }
      const same =
        runSnapshot !== undefined &&
        (Object.keys(next) as (keyof RunSnapshot)[]).every((key) => Object.is(next[key], runSnapshot?.[key]))
      if (!same) runSnapshot = next
      return runSnapshot ?? next
    },
    subscribe(listener) {
      const entry = () => listener()
      listeners.add(entry)
      fake.subscriptions += 1
      return () => {
        listeners.delete(entry)
      }
    },
    emit(patch) {
      snapshot = { ...snapshot, ...patch }
      for (const listener of [...listeners]) listener()
    },
    poke() {
      for (const listener of [...listeners]) listener()
    },
    listeners: () => listeners.size,
    subscriptions: 0,
    optionsSeen: [],
    created,
    load: () => done(undefined),
    loadMore: () => done(undefined),
    refresh: () => done(undefined),
    send: () => done(snapshot.messages[0] as never),
    insert: () => done(snapshot.messages[0] as never),
    retry: () => done(snapshot.messages[0] as never),
    discard: () => {},
    cancel: () => done(undefined),
    submitToolOutputs: () => done(undefined),
    setThread: () => {},
    setOptions(options) {
      fake.optionsSeen.push(options)
    },
  }
  return fake
}

/** A registry with the semantics of core's `getThreadStore`: one store per id; a `null` thread gets a new one. */
export function createFakeRegistry() {
  const byId = new Map<string, FakeStore>()
  const created: FakeStore[] = []
  return {
    created,
    byId,
    getThreadStore(_client: Client, threadId: string | null, options?: ThreadStoreOptions): FakeStore {
      const known = threadId === null ? undefined : byId.get(threadId)
      if (known !== undefined) return known
      const store = createFakeStore(threadId, options)
      created.push(store)
      if (threadId !== null) byId.set(threadId, store)
      return store
    },
    /** What core does when a `null` store's first send created its thread. */
    threadCreated(store: FakeStore, threadId: string): void {
      byId.set(threadId, store)
      store.emit({ threadId, status: 'idle' })
    },
    reset(): void {
      byId.clear()
      created.length = 0
    },
  }
}

/** The one registry the wiring tests share with their `vi.mock('@skein/core')` factory. */
export const fakeRegistry: ReturnType<typeof createFakeRegistry> = createFakeRegistry()

/** A stand-in client: the adapters only pass it to `getThreadStore`. */
export const fakeClient = { fake: true } as unknown as Client
