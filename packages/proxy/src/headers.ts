import { BASE_RESPONSE_HEADERS } from './errors.ts'

/**
 * Request headers copied from the browser to upstream, each with the values it may carry. Everything else is dropped:
 * `authorization`, `cookie`, `api-key`, `openai-organization`, `openai-project`, `openai-beta` (the proxy sets its
 * own), `x-forwarded-*`, `user-agent` (the end user's browser is none of upstream's business) and the rest.
 * Values are matched against a narrow pattern instead of being passed on as they are: control characters, CR/LF or
 * anything unexpected drops the header rather than reaching upstream.
 */
const FORWARDED_REQUEST_HEADERS: Readonly<Record<string, RegExp>> = {
  // Media ranges only, e.g. `application/json, text/event-stream`.
  accept: /^[A-Za-z0-9*/+.,;= -]{1,256}$/,
  // OpenAI's client-chosen request id: ASCII, at most 512 characters.
  'x-client-request-id': /^[A-Za-z0-9._:-]{1,512}$/,
}

/**
 * Response headers copied from upstream to the browser. An allowlist, not a blocklist: `set-cookie`,
 * `openai-organization`, `openai-project`, rate-limit headers (which describe the operator's whole account) and any
 * header a future upstream adds are dropped. `content-length` and `content-encoding` are dropped too, because
 * `fetch` already decoded the body and the runtime frames the new response itself.
 */
const FORWARDED_RESPONSE_HEADERS: readonly string[] = [
  'content-type',
  'retry-after',
  'retry-after-ms',
  'x-request-id',
  'apim-request-id',
  // How soon to poll a run again: without it a browser polls at its own default, and a stopped run takes that long to
  // show as cancelled.
  'openai-poll-after-ms',
]

/**
 * The headers sent upstream: the allowed client headers, then the operator's static headers, then auth and
 * content type, so nothing from the browser can replace the latter.
 *
 * @param incoming - the browser's request headers
 * @param fixed - the operator's headers and auth, applied last
 * @returns the upstream request headers
 */
export function upstreamRequestHeaders(incoming: Headers, fixed: Record<string, string>): Headers {
  const headers = new Headers()
  for (const [name, pattern] of Object.entries(FORWARDED_REQUEST_HEADERS)) {
    const value = incoming.get(name)
    if (value !== null && pattern.test(value)) headers.set(name, value)
  }
  for (const [name, value] of Object.entries(fixed)) headers.set(name, value)
  return headers
}

/**
 * The headers of a response passed back to the browser: the allowlisted upstream headers plus `cache-control:
 * no-store` and `x-content-type-options: nosniff`; event streams also get `x-accel-buffering: no`, so an nginx in front
 * of a Node server does not hold back deltas.
 *
 * @param upstream - upstream's response headers
 * @returns the filtered headers
 */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers(BASE_RESPONSE_HEADERS)
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.get(name)
    if (value !== null) headers.set(name, value)
  }
  if (headers.get('content-type')?.toLowerCase().startsWith('text/event-stream')) {
    headers.set('x-accel-buffering', 'no')
  }
  return headers
}
