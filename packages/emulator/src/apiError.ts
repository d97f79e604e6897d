/** The four fields of the API's error body `{"error": {...}}`. */
export interface ApiErrorBody {
  message: string
  type: string
  param: string | null
  code: string | null
}

/**
 * An error the emulator answers with, as the real API would: status, body and optional headers. Route handlers throw
 * it and the fetch handler turns it into a response.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  /** HTTP status. */
  readonly status: number
  /** The wire body's `error` object. */
  readonly body: ApiErrorBody
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string>

  /**
   * @param status - HTTP status
   * @param message - the API's message text
   * @param fields - `type` (default `invalid_request_error`), `param`, `code` and extra headers
   */
  constructor(
    status: number,
    message: string,
    fields: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.status = status
    this.body = {
      message,
      type: fields.type ?? 'invalid_request_error',
      param: fields.param ?? null,
      code: fields.code ?? null,
    }
    this.headers = fields.headers ?? {}
  }
}

/** The object kinds that have a "No … found" 404. */
export type NotFoundKind = 'assistant' | 'thread' | 'message' | 'run' | 'run step'

/**
 * @param kind - what was looked up
 * @param id - the id that was not found
 * @returns the API's 404, e.g. `No thread found with id 'thread_x'.`
 */
export function notFound(kind: NotFoundKind, id: string): ApiError {
  return new ApiError(404, `No ${kind} found with id '${id}'.`)
}

/**
 * @param message - the API's text
 * @param param - the offending parameter, if any
 * @param code - the API's error code, if any
 * @returns a 400 `invalid_request_error`
 */
export function badRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, message, { param, code })
}

/**
 * @param error - what to send
 * @param headers - base headers (request id, CORS)
 * @returns the JSON error response
 */
export function errorResponse(error: ApiError, headers: Record<string, string>): Response {
  return new Response(JSON.stringify({ error: error.body }), {
    status: error.status,
    headers: { ...headers, ...error.headers, 'content-type': 'application/json' },
  })
}
