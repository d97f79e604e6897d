import { readLimited } from './body.ts'
import { errorResponse, refuse } from './errors.ts'
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts'

/** Where the proxy forwards to, and with which credentials. Server-side only. */
export interface UpstreamOptions {
  /** The API root, e.g. `https://api.openai.com/v1` or an Azure project endpoint. */
  baseURL: string
  /** A static key. OpenAI flavor: `Authorization: Bearer`; Azure flavor: the `api-key` header. */
  apiKey?: string
  /** Returns a bearer token for each upstream request (e.g. Entra ID); cache tokens inside it. */
  getToken?: () => Promise<string>
  /**
   * `openai` sends `OpenAI-Beta: assistants=v2`; `azure` sends `api-version` on every URL and no beta header.
   * @defaultValue 'openai'
   */
  flavor?: 'openai' | 'azure'
  /**
   * The Azure `api-version` query value.
   * @defaultValue 'v1'
   */
  apiVersion?: string
  /** Static headers for every upstream request, e.g. `OpenAI-Project`; auth headers always win over these. */
  headers?: Record<string, string>
}

/** One request to upstream, already checked. */
export interface UpstreamRequest {
  method: string
  /** Path below `baseURL`, built from checked segments. */
  path: string
  query?: URLSearchParams
  body?: unknown
  /** The browser's headers; only the allowlisted ones are copied (headers.ts). */
  headers: Headers
  signal: AbortSignal
}

/** Sends checked requests upstream and returns only responses that are safe to hand to a browser. */
export interface Upstream {
  /**
   * @param request - the checked request
   * @returns a browser-safe response; never rejects, except if the error reporter throws
   */
  send(request: UpstreamRequest): Promise<Response>
}

/** Error bodies larger than this are not inspected; they are replaced by a generic body. */
const MAX_ERROR_BODY_BYTES = 64 * 1024

/**
 * Creates the upstream sender.
 *
 * - Redirects are not followed (`redirect: 'manual'`): a 3xx would carry the key elsewhere, and the Assistants API
 *   never redirects. A 3xx becomes a 502.
 * - Upstream 401/403 (a bad, expired or under-privileged key) become a generic 502: the browser cannot fix them, and
 *   OpenAI's 401 body quotes part of the key.
 * - Any other error body is re-emitted in the OpenAI error shape with the key, the token and the upstream URL
 *   redacted; a body that is not such JSON becomes a generic message with the same status.
 * - Success bodies (JSON or event streams) are passed through as streams, never buffered.
 * - A network error becomes a 502 with a generic body; `onError` receives the real error for the operator's logs.
 *
 * @param options - base URL, credentials and flavor
 * @param fetchImpl - the fetch to use
 * @param onError - receives upstream failures the browser only sees as a 502
 * @returns the sender
 */
export function createUpstream(
  options: UpstreamOptions,
  fetchImpl: typeof fetch,
  onError: (error: unknown) => void,
): Upstream {
  const base = options.baseURL.replace(/\/+$/, '')
  const flavor = options.flavor ?? 'openai'

  async function credentials(): Promise<{ auth: Record<string, string>; secret: string }> {
    if (options.apiKey !== undefined) {
      const auth: Record<string, string> =
        flavor === 'azure' ? { 'api-key': options.apiKey } : { authorization: `Bearer ${options.apiKey}` }
      return { auth, secret: options.apiKey }
    }
    const token = await (options.getToken as () => Promise<string>)()
    return { auth: { authorization: `Bearer ${token}` }, secret: token }
  }

  async function send(request: UpstreamRequest): Promise<Response> {
    const url = new URL(base + request.path)
    for (const [key, value] of request.query ?? []) url.searchParams.append(key, value)
    if (flavor === 'azure') url.searchParams.set('api-version', options.apiVersion ?? 'v1')

    let secret = options.apiKey ?? ''
    let response: Response
    try {
      const { auth, secret: used } = await credentials()
      secret = used
      const fixed: Record<string, string> = { ...options.headers, ...auth }
      if (flavor === 'openai') fixed['openai-beta'] = 'assistants=v2'
      if (request.body !== undefined) fixed['content-type'] = 'application/json'
      response = await fetchImpl(url, {
        method: request.method,
        headers: upstreamRequestHeaders(request.headers, fixed),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: request.signal,
        redirect: 'manual',
      })
    } catch (error) {
      if (request.signal.aborted) {
        return errorResponse(refuse(499, 'invalid_request_error', 'The client closed the request.', 'client_closed'))
      }
      onError(error)
      return unreachable()
    }

    if (response.status >= 200 && response.status < 300) {
      const nullBody = response.status === 204 || response.status === 205
      return new Response(nullBody ? null : response.body, {
        status: response.status,
        headers: downstreamResponseHeaders(response.headers),
      })
    }
    if (response.status < 400 || response.status === 401 || response.status === 403 || response.status === 407) {
      await response.body?.cancel().catch(() => undefined)
      onError(new Error(`Upstream answered ${response.status} ${request.method} ${request.path}`))
      return errorResponse(
        refuse(502, 'server_error', 'The upstream service refused the proxy. See the server logs.', 'upstream_error'),
      )
    }
    return relayError(response, [secret, base, url.href, url.origin])
  }

  return { send }
}

/** Re-emits an upstream 4xx/5xx in the OpenAI error shape, with secrets and upstream URLs removed. */
async function relayError(response: Response, secrets: readonly string[]): Promise<Response> {
  const headers = downstreamResponseHeaders(response.headers)
  headers.set('content-type', 'application/json')
  const fallback = { message: `Upstream error (${response.status}).`, type: 'server_error', param: null, code: null }
  let error: unknown = fallback
  try {
    const bytes = await readLimited(response.body, MAX_ERROR_BODY_BYTES)
    const parsed: unknown = bytes === null ? null : JSON.parse(new TextDecoder().decode(bytes))
    const candidate = isRecord(parsed) ? parsed.error : undefined
    if (isRecord(candidate)) error = redact(candidate, secrets)
  } catch {
    // Not JSON (an HTML gateway page, a truncated body): the generic body is all the browser needs.
  }
  return new Response(JSON.stringify({ error }), { status: response.status, headers })
}

/** Keeps the four wire fields of an error object, as strings or null, each with every secret replaced. */
function redact(error: Record<string, unknown>, secrets: readonly string[]): Record<string, string | null> {
  const clean = (value: unknown): string | null => {
    if (typeof value !== 'string') return null
    let text = value
    for (const secret of secrets) if (secret.length >= 8) text = text.split(secret).join('[redacted]')
    return text
  }
  return {
    message: clean(error.message) ?? '',
    type: clean(error.type),
    param: clean(error.param),
    code: clean(error.code),
  }
}

function unreachable(): Response {
  return errorResponse(
    refuse(502, 'server_error', 'The upstream service could not be reached.', 'upstream_unreachable'),
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
