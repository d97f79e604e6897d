import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'

/** A framework-free store (getSnapshot + subscribe), as the thread list and theme stores are. */
export interface ExternalStore<T> {
  getSnapshot: () => T
  subscribe: (listener: () => void) => () => void
}

/**
 * Follows a framework-free store as a shallow ref, unsubscribing when the calling scope ends.
 *
 * @param store - the store
 * @returns a ref holding the current snapshot
 */
export function useExternalStore<T>(store: ExternalStore<T>): Readonly<ShallowRef<T>> {
  const state = shallowRef(store.getSnapshot())
  const stop = store.subscribe(() => {
    state.value = store.getSnapshot()
  })
  onScopeDispose(stop)
  return state
}
