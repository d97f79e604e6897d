// The page theme: `set_theme` (a tool the assistant calls) and the header toggle both change it. The value lives on
// <html data-theme> (the CSS reads it) and in localStorage (it survives a reload).
import type { Theme } from './tools.ts'

/** A tiny store of the current theme. */
export interface ThemeStore {
  getSnapshot: () => Theme
  subscribe: (listener: () => void) => () => void
  set: (theme: Theme) => void
}

const KEY = 'skein.playground.theme'

/**
 * Creates the theme store and applies the saved (or preferred) theme at once.
 *
 * @param root - the element that carries `data-theme`
 * @param storage - where the choice is kept (null: not kept)
 * @returns the store
 */
export function createThemeStore(root: HTMLElement, storage: Storage | null): ThemeStore {
  const saved = storage?.getItem(KEY)
  let theme: Theme = saved === 'dark' || saved === 'light' ? saved : 'light'
  root.dataset['theme'] = theme
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => theme,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(next) {
      if (next === theme) return
      theme = next
      root.dataset['theme'] = next
      storage?.setItem(KEY, next)
      for (const listener of listeners) listener()
    },
  }
}
