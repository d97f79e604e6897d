import type { StreamEventName } from './event.ts'

/** The REST answers that strict validation checks, named so that the client never holds a schema object. */
export type ResponseSchemaName = 'thread' | 'run' | 'message' | 'step' | 'assistant' | 'deleted'

/**
 * Full schema checks, passed as `validation`. The one implementation is `strict` from `@skein/core/strict`; only code
 * that imports it ships the schemas and valibot. Each method returns the checked value (the schema's output, without
 * e.g. `__proto__` keys) or throws `AssistantsError('invalid_event')` with the schema `issues`.
 */
export interface StrictValidation {
  /**
   * Checks the data of a known stream event against its full schema.
   *
   * @param name - the event name (never `done` or `error`)
   * @param data - the parsed JSON of the event
   * @returns the checked data
   */
  event(name: StreamEventName, data: unknown): unknown
  /**
   * Checks a REST answer (or one item of a list page) against the named schema.
   *
   * @param schema - which wire object is expected
   * @param value - the parsed JSON object
   * @param target - method and path of the request, for the error message
   * @returns the checked value
   */
  response(schema: ResponseSchemaName, value: unknown, target: { method: string; path: string }): unknown
}

/**
 * How much of each stream event and REST answer is checked.
 * - `'lenient'` (default): only what the reducer reads (ids, statuses, appended delta fields, indices).
 * - `'off'`: nothing but the JSON syntax.
 * - `strict` (imported from `@skein/core/strict`): the full schema of every event and response.
 */
export type Validation = 'lenient' | 'off' | StrictValidation

/**
 * Checks a `validation` option. The string `'strict'` (the former spelling) is refused with the import that replaces it.
 *
 * @param value - the option as given
 * @param caller - who was called, for the message (`createClient`)
 * @returns the validation, `'lenient'` when undefined
 * @throws TypeError for anything else
 */
export function checkValidation(value: unknown, caller: string): Validation {
  const strict = value as Partial<StrictValidation> | undefined
  const checks = typeof strict?.event === 'function' && typeof strict.response === 'function'
  if (value === 'lenient' || value === 'off' || checks) return value as Validation
  if (value === undefined) return 'lenient'
  throw new TypeError(
    `${caller}: validation must be 'lenient', 'off' or strict, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}. For strict validation, import { strict } from '@skein/core/strict' and pass validation: strict.`,
  )
}
