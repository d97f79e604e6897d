// The public API of @skein/react: explicit named exports only (no default exports, no `export *`).

export type { SkeinProviderProps } from './SkeinProvider.tsx'
export { SkeinProvider } from './SkeinProvider.tsx'
export { useClient } from './useClient.ts'
export type { UseRunOptions, UseRunReturn } from './useRun.ts'
export { useRun } from './useRun.ts'
export type { UseThreadOptions, UseThreadReturn } from './useThread.ts'
export { useThread } from './useThread.ts'
