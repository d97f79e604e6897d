// The public API of @skein/vue: explicit named exports only (no default exports, no `export *`).

export type { SkeinPluginOptions } from './plugin.ts'
export { skein } from './plugin.ts'
export { useClient } from './useClient.ts'
export type { UseRunOptions, UseRunReturn } from './useRun.ts'
export { useRun } from './useRun.ts'
export type { ReadonlyRefs, UseThreadOptions, UseThreadReturn } from './useThread.ts'
export { useThread } from './useThread.ts'
