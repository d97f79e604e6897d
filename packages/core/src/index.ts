// The public API of @skein/core: explicit named exports only (no default exports, no `export *`).

export type { AssistantsErrorCode, AssistantsErrorDetails } from './errors.ts'
export { AssistantsError, isAbortError } from './errors.ts'
