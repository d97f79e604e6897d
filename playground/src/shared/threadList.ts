// The thread list of the sidebar, kept in localStorage (shared by the React and Vue pages: same origin, same user).
// A tiny framework-free store: React reads it with useSyncExternalStore, Vue with a shallowRef.

/** A thread the user has opened here. */
export interface SavedThread {
  readonly id: string
  readonly title: string
}

/** The list and the open thread (`null`: a new thread, created on the first send). */
export interface ThreadListState {
  readonly threads: readonly SavedThread[]
  readonly currentId: string | null
}

/** The store of the thread list. */
export interface ThreadList {
  getSnapshot: () => ThreadListState
  subscribe: (listener: () => void) => () => void
  /** Adds a thread (first in the list) and opens it. */
  add: (id: string, title: string) => void
  /** Opens a thread, or a new one with `null`. */
  select: (id: string | null) => void
  /** Forgets a thread; opens a new one if it was open. */
  remove: (id: string) => void
}

const KEY = 'skein.playground.threads'

function read(storage: Storage | null): ThreadListState {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null')
    if (typeof parsed !== 'object' || parsed === null) return { threads: [], currentId: null }
    const { threads, currentId } = parsed as { threads?: unknown; currentId?: unknown }
    const list = Array.isArray(threads)
      ? threads.filter(
          (t): t is SavedThread =>
            typeof t === 'object' && t !== null && typeof t.id === 'string' && typeof t.title === 'string',
        )
      : []
    const current = typeof currentId === 'string' && list.some((t) => t.id === currentId) ? currentId : null
    return { threads: list, currentId: current }
  } catch {
    // A corrupt entry (edited by hand, another app) starts a fresh list rather than breaking the page.
    return { threads: [], currentId: null }
  }
}

/**
 * Creates the thread list store over `storage`.
 *
 * @param storage - usually `localStorage`; null keeps the list in memory only
 * @returns the store
 */
export function createThreadList(storage: Storage | null): ThreadList {
  let state = read(storage)
  const listeners = new Set<() => void>()
  const set = (next: ThreadListState): void => {
    state = next
    storage?.setItem(KEY, JSON.stringify(state))
    for (const listener of listeners) listener()
  }
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    add(id, title) {
      const threads = [{ id, title: title.slice(0, 60) || 'Untitled' }, ...state.threads.filter((t) => t.id !== id)]
      set({ threads, currentId: id })
    },
    select(id) {
      if (id !== state.currentId) set({ ...state, currentId: id })
    },
    remove(id) {
      set({
        threads: state.threads.filter((t) => t.id !== id),
        currentId: state.currentId === id ? null : state.currentId,
      })
    },
  }
}
