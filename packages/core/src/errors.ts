/**
 * What went wrong, as one closed union. Every failure the SDK reports is an {@link AssistantsError} with one of these.
 *
 * - `http`: the server answered with a non-2xx status.
 * - `network`: the request could not be sent, or the response body ended early (a dropped stream).
 * - `timeout`: the request took longer than its `timeout`.
 * - `invalid_event`: a stream event (or an API object) did not match its schema, or asked for something unsafe.
 * - `stream_error`: the server sent an `error` event inside the stream.
 * - `run_failed`: the run ended `failed` (or `expired`) and the caller asked for a result.
 * - `validation`: a request was refused before it was sent (metadata over budget, a bad argument).
 * - `aborted`: the caller aborted; stores report this as a status, never as an error.
 */
export type AssistantsErrorCode =
  | 'http'
  | 'network'
  | 'timeout'
  | 'invalid_event'
  | 'stream_error'
  | 'run_failed'
  | 'validation'
  | 'aborted'

/** Extra facts about an {@link AssistantsError}; every field is optional. */
export interface AssistantsErrorDetails {
  /** HTTP status of the response, when there was one. */
  status?: number | undefined
  /** The server's request id (`x-request-id`, or Azure's `apim-request-id`). */
  requestId?: string | undefined
  /** The wire error object (`{ message, type, param, code }`) or the raw payload that caused the error. */
  body?: unknown
  /** Schema issues (valibot) for `invalid_event` and `validation`. */
  issues?: readonly unknown[] | undefined
  /** The request method and path, e.g. `POST` and `/threads/thread_x/runs`. */
  method?: string | undefined
  path?: string | undefined
  /** The stream event name for `invalid_event` and `stream_error`. */
  event?: string | undefined
  /** How long the server asked us to wait (`retry-after-ms` / `Retry-After`), for 429 and 503 answers. */
  retryAfterMs?: number | undefined
  /** The underlying error (a TypeError from fetch, an AbortSignal reason, ...). */
  cause?: unknown
}

const MARKER = Symbol.for('skein.AssistantsError')

/**
 * The one error class of Skein. Check with {@link AssistantsError.is}, which also works across duplicate installs.
 *
 * @example
 * ```ts
 * try {
 *   await client.runs.create(threadId, { assistant_id })
 * } catch (error) {
 *   if (AssistantsError.is(error) && error.status === 429) retryLater(error.requestId)
 * }
 * ```
 */
export class AssistantsError extends Error {
  override readonly name = 'AssistantsError'
  // `declare`: the constructor sets these (no class-field initialisers, which would repeat every name in the bundle).
  /** What went wrong. */
  declare readonly code: AssistantsErrorCode
  /** HTTP status, when the error came from a response. */
  declare readonly status: number | undefined
  /** The server's request id, when it sent one. */
  declare readonly requestId: string | undefined
  /** The wire error body or the offending payload. */
  declare readonly details: unknown
  /** Schema issues, for `invalid_event` and `validation`. */
  declare readonly issues: readonly unknown[] | undefined
  /** The stream event involved, for `invalid_event` and `stream_error`. */
  declare readonly event: string | undefined
  /** Request method, e.g. `POST`. */
  declare readonly method: string | undefined
  /** Request path relative to the base URL, e.g. `/threads/thread_x/runs`. */
  declare readonly path: string | undefined
  /** How long the server asked us to wait before trying again, when it said so. */
  declare readonly retryAfterMs: number | undefined

  /**
   * @param code - what went wrong
   * @param message - a sentence that says what happened and where
   * @param details - status, request id, wire body, issues and cause
   */
  constructor(code: AssistantsErrorCode, message: string, details: AssistantsErrorDetails = {}) {
    // Error reads only `cause` from its options; every other detail is copied under its own name.
    super(message, details)
    const { body, ...rest } = details
    Object.assign(this, rest, { code, details: body })
    // Not enumerable: the marker {@link AssistantsError.is} looks for stays out of logs and equality checks.
    Object.defineProperty(this, MARKER, { value: true })
  }

  /**
   * Whether `value` is an AssistantsError, even one thrown by another copy of this package.
   *
   * @param value - anything caught
   * @returns true for an AssistantsError
   */
  static is(value: unknown): value is AssistantsError {
    return (value as Record<symbol, unknown> | null | undefined)?.[MARKER] === true
  }
}

/**
 * Whether `error` is a caller's abort (an `AbortError`, or an {@link AssistantsError} with code `aborted`).
 * Stores treat these as a status, never as an error.
 *
 * @param error - anything caught
 * @returns true when the error means "the caller aborted"
 */
export function isAbortError(error: unknown): boolean {
  if (AssistantsError.is(error)) return error.code === 'aborted'
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

/**
 * A bad value as a misuse message shows it: a string quoted, a number, boolean, `null` or `undefined` as it is, an
 * array as `an array`, any other object or a function by its type. Never an object's content, which may be large or
 * hold a secret.
 *
 * @param value - the value given
 * @returns a short description, e.g. `"Azure"`, `0`, `undefined`, `object`
 */
export function shown(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? 'an array'
      : (value && typeof value === 'object') || typeof value === 'function'
        ? typeof value
        : String(value)
}
