/**
 * The wire error object of the Assistants API (`{ message, type, param, code }`). Errors the proxy produces itself use
 * the same envelope as upstream errors, so the browser client reports both the same way.
 */
export interface ProxyErrorBody {
  message: string
  type: 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'rate_limit_error' | 'server_error'
  param: string | null
  code: string | null
}

const REFUSAL: unique symbol = Symbol('skein.proxy.refusal')

/** A refusal decided by a policy check, before any response exists. Plain data: turned into a Response once. */
export interface Refusal extends ProxyErrorBody {
  readonly [REFUSAL]: true
  status: number
  /** Extra response headers, e.g. `allow` on a 405 or `retry-after` on a 429. */
  headers?: Record<string, string>
}

/**
 * Tells a {@link Refusal} from a checked value. The mark is a module-private symbol, so no JSON a caller sends can
 * look like a refusal.
 *
 * @param value - anything a check returned
 * @returns whether it is a refusal
 */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && REFUSAL in value
}

/**
 * Builds a {@link Refusal}.
 *
 * @param status - HTTP status of the response
 * @param type - the wire error type
 * @param message - a sentence for the developer; never contains the key, the upstream URL or caller data
 * @param code - a stable machine-readable code
 * @param param - the offending parameter, when there is one
 * @returns the refusal, ready for {@link errorResponse}
 */
export function refuse(
  status: number,
  type: ProxyErrorBody['type'],
  message: string,
  code: string | null,
  param: string | null = null,
): Refusal {
  return { [REFUSAL]: true, status, type, message, code, param }
}

/** Headers every response of the proxy carries: nothing here may be cached by a browser or a shared cache. */
export const BASE_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/**
 * Turns a {@link Refusal} into a JSON Response in the OpenAI error shape.
 *
 * @param refusal - what to report
 * @returns a `Response` with `content-type: application/json` and `cache-control: no-store`
 */
export function errorResponse(refusal: Refusal): Response {
  const { status, headers, type, message, code, param } = refusal
  return new Response(JSON.stringify({ error: { message, type, param, code } }), {
    status,
    headers: { ...BASE_RESPONSE_HEADERS, 'content-type': 'application/json', ...headers },
  })
}

/**
 * The 404 for a thread the caller may not see. The proxy answers a foreign thread and a missing thread with this very
 * response (same status, headers and body modulo the id), in the wording OpenAI used for a missing thread, so a caller
 * cannot tell "exists but is someone else's" from "does not exist".
 *
 * @param threadId - the thread id from the request path (already validated against the id pattern)
 * @returns the refusal
 */
export function threadNotFound(threadId: string): Refusal {
  return refuse(404, 'invalid_request_error', `No thread found with id '${threadId}'.`, null)
}
