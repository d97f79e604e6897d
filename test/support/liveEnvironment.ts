import type { LiveEnvironment } from '@skein/core'

/** A page whose visibility and connectivity a test sets (`live.environment`), so nothing global is patched. */
export function fakeEnvironment(): {
  environment: LiveEnvironment
  set(next: { visible?: boolean; online?: boolean }): void
  listeners(): number
} {
  let visible = true
  let online = true
  const listeners = new Set<() => void>()
  const environment: LiveEnvironment = {
    isVisible: () => visible,
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
  return {
    environment,
    set(next) {
      visible = next.visible ?? visible
      online = next.online ?? online
      for (const listener of [...listeners]) listener()
    },
    listeners: () => listeners.size,
  }
}
