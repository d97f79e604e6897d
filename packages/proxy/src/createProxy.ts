import { DEFAULT_MAX_BODY_BYTES, readJsonBody, readLimited } from './body.ts'
import { errorResponse, isRefusal, refuse, threadNotFound } from './errors.ts'
import { type ProxyCaller, type ProxyHandler, type ProxyOptions, validateOptions } from './options.ts'
import { createOwnership, sameStamp, stampOf } from './ownership.ts'
import { checkBody } from './policy.ts'
import { checkQuery, matchRoute } from './routes.ts'
import { createUpstream } from './upstream.ts'

/** Thread objects are small; a lookup answer past this is not a thread. */
const MAX_THREAD_BYTES = 1024 * 1024

/**
 * Creates the proxy: a `(request) => Promise<Response>` handler that holds the API key, forwards only the thread,
 * message, run and step routes the Skein client uses, only for the configured assistants, and only on threads the
 * caller owns (others get the same 404 as a missing thread). Web APIs only: it runs as is in Cloudflare Workers,
 * Vercel Edge, Deno, Bun and Node.
 *
 * @param options - upstream, secret, assistants, `authorize` and the optional policy knobs
 * @returns the handler
 * @throws TypeError when an option is missing or malformed
 * @example
 * ```ts
 * import { createProxy } from '@skein/proxy'
 *
 * const proxy = createProxy({
 *   upstream: { baseURL: 'https://api.openai.com/v1', apiKey: env.OPENAI_API_KEY },
 *   secret: env.SKEIN_PROXY_SECRET,
 *   assistants: ['asst_abc123'],
 *   basePath: '/api/skein',
 *   authorize: async (request) => {
 *     const session = await getSession(request)
 *     return session ? { userId: session.userId } : null
 *   },
 * })
 * Deno.serve(proxy) // or Bun.serve({ fetch: proxy }); the browser uses createClient({ baseURL: '/api/skein' })
 * ```
 */
export function createProxy<TCaller extends ProxyCaller = ProxyCaller>(options: ProxyOptions<TCaller>): ProxyHandler {
  validateOptions(options)
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const assistants = new Set(options.assistants)
  const allowOverrides = new Set(options.allowOverrides ?? [])
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const onError = options.onError ?? (() => undefined)
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const upstream = createUpstream(options.upstream, fetchImpl, onError)
  const ownership = createOwnership(options.secret, options.ownerCache)

  /** Ownership check: `fresh` is the lookup's own answer, reused when the request was that very GET. */
  async function checkOwner(
    threadId: string,
    stamp: string,
    signal: AbortSignal,
  ): Promise<{ denied: Response } | { fresh?: Response }> {
    let owner = ownership.get(threadId)
    let fresh: Response | undefined
    if (owner === undefined) {
      const path = `/threads/${threadId}`
      const response = await upstream.send({ method: 'GET', path, headers: new Headers(), signal })
      if (response.status === 404) {
        await response.body?.cancel().catch(() => undefined)
        return { denied: errorResponse(threadNotFound(threadId)) }
      }
      if (!response.ok) return { denied: response }
      const bytes = await readLimited(response.body, MAX_THREAD_BYTES)
      let thread: unknown
      try {
        thread = JSON.parse(new TextDecoder().decode(bytes ?? new Uint8Array()))
      } catch (error) {
        onError(error)
        return {
          denied: errorResponse(refuse(502, 'server_error', 'Upstream sent an invalid thread.', 'upstream_error')),
        }
      }
      owner = stampOf(thread)
      ownership.set(threadId, owner)
      fresh = new Response(bytes, { status: response.status, headers: response.headers })
    }
    if (owner === null || !sameStamp(owner, stamp)) return { denied: errorResponse(threadNotFound(threadId)) }
    return fresh ? { fresh } : {}
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const inside = basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)
    const path = url.pathname.slice(basePath.length)
    const match = inside ? matchRoute(path, request.method, options.exposeAssistants === true) : undefined
    if (!match || match.kind === 'not_found') {
      return errorResponse(refuse(404, 'invalid_request_error', 'No such route behind this proxy.', 'unknown_route'))
    }
    if (match.kind === 'method_not_allowed') {
      const refusal = refuse(
        405,
        'invalid_request_error',
        `Method ${request.method} is not allowed here.`,
        'method_not_allowed',
      )
      return errorResponse({ ...refusal, headers: { allow: match.allow.join(', ') } })
    }
    if (request.headers.get('sec-fetch-site') === 'cross-site' && options.allowCrossSite !== true) {
      return errorResponse(refuse(403, 'permission_error', 'Cross-site requests are not allowed.', 'cross_site'))
    }
    const { operation, params } = match
    const query = checkQuery(url.search, operation.query)
    if (isRefusal(query)) return errorResponse(query)

    const caller = await options.authorize(request)
    if (caller === null || caller === undefined) {
      return errorResponse(refuse(401, 'authentication_error', 'Sign in to use this service.', 'unauthorized'))
    }
    if (typeof caller.userId !== 'string' || caller.userId === '') {
      throw new TypeError('authorize() must return { userId: string } (non-empty) or null.')
    }
    if (options.limit) {
      const decision = await options.limit(caller, request, { route: operation.name })
      if (decision !== true) {
        const refusal = refuse(429, 'rate_limit_error', 'Too many requests. Try again later.', 'rate_limited')
        const seconds = typeof decision === 'object' && decision !== null ? decision.retryAfter : Number.NaN
        const retryAfter = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined
        return errorResponse(
          retryAfter === undefined ? refusal : { ...refusal, headers: { 'retry-after': String(retryAfter) } },
        )
      }
    }
    if (params.assistant !== undefined && !assistants.has(params.assistant)) {
      return errorResponse(
        refuse(404, 'invalid_request_error', `No assistant found with id '${params.assistant}'.`, null),
      )
    }

    const stamp = await ownership.stampFor(caller.userId)
    let body: unknown
    if (operation.body !== null) {
      const raw = await readJsonBody(request, maxBodyBytes)
      if (isRefusal(raw)) return errorResponse(raw)
      const checked = checkBody(operation.body, raw, { assistants, allowOverrides, stamp })
      if (isRefusal(checked)) return errorResponse(checked)
      body = checked
    } else if (operation.method === 'POST') {
      // Bodiless POSTs (cancel) still get the same content-type rule, so a form post can't reach them.
      const raw = await readJsonBody(request, maxBodyBytes)
      if (isRefusal(raw)) return errorResponse(raw)
    }

    if (params.thread !== undefined) {
      const owner = await checkOwner(params.thread, stamp, request.signal)
      if ('denied' in owner) return owner.denied
      if (operation.name === 'threads.retrieve' && owner.fresh) return owner.fresh
    }

    const response = await upstream.send({
      method: operation.method,
      path,
      query,
      ...(body === undefined ? {} : { body }),
      headers: request.headers,
      signal: request.signal,
    })
    if (operation.name === 'threads.delete' && response.ok && params.thread !== undefined) {
      ownership.delete(params.thread)
    }
    return response
  }

  return async (request) => {
    try {
      return await handle(request)
    } catch (error) {
      if (request.signal.aborted) {
        return errorResponse(refuse(499, 'invalid_request_error', 'The client closed the request.', 'client_closed'))
      }
      onError(error)
      return errorResponse(refuse(500, 'server_error', 'The proxy failed. See the server logs.', 'proxy_error'))
    }
  }
}
