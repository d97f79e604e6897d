/** A minimal external store: `getSnapshot` + `subscribe`, the shape `useSyncExternalStore` and Vue refs consume. */
export interface Store<TState> {
  /** The current snapshot; the same reference until something changes. */
  getSnapshot: () => TState
  /** Registers a listener; returns the function that removes it. */
  subscribe: (listener: () => void) => () => void
  /** Replaces the state with `update(prev)`; listeners run only when the result is a different object. */
  setState: (update: (prev: TState) => TState) => void
  /** How many listeners are subscribed. */
  listenerCount: () => number
}

/**
 * Creates a {@link Store} holding `initial`.
 *
 * @param initial - the first snapshot
 * @param hooks - called when the first listener arrives and when the last one leaves
 * @returns the store; its members are closures and may be passed around unbound
 */
export function createStore<TState>(
  initial: TState,
  hooks: { onSubscribe?: () => void; onUnsubscribe?: () => void } = {},
): Store<TState> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      // A fresh wrapper per call, so the same function subscribed twice is counted (and removed) twice.
      const entry = () => listener()
      listeners.add(entry)
      if (listeners.size === 1) hooks.onSubscribe?.()
      return () => {
        if (!listeners.delete(entry)) return
        if (listeners.size === 0) hooks.onUnsubscribe?.()
      }
    },
    setState(update) {
      const next = update(state)
      if (Object.is(next, state)) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    listenerCount: () => listeners.size,
  }
}
