import type { OwnerCacheOptions } from './ownership.ts'
import { type RouteName, SEGMENT_PATTERN } from './routes.ts'
import type { UpstreamOptions } from './upstream.ts'

/** Who is calling, as `authorize` found out. Threads are owned by `userId`. */
export interface ProxyCaller {
  userId: string
}

/** A rate-limit refusal with a hint for the client, in seconds. */
export interface LimitDecision {
  retryAfter: number
}

/** What the `limit` hook learns about the request besides the caller. */
export interface LimitContext {
  /** The operation, e.g. `runs.create`, so a hook can limit only what costs money. */
  route: RouteName
}

/** Options of {@link createProxy}. Everything here stays on the server. */
export interface ProxyOptions<TCaller extends ProxyCaller = ProxyCaller> {
  /** Where to forward, with the key or a token source. */
  upstream: UpstreamOptions
  /** HMAC secret for owner stamps: at least 32 characters, from your secret store. Rotating it orphans threads. */
  secret: string
  /** The assistant ids runs may use; anything else is a 403. */
  assistants: readonly string[]
  /**
   * Identifies the caller from the request (session cookie, JWT, ...), or returns `null` for a 401. Must not consume
   * the request body (clone the request if you need it).
   */
  authorize: (request: Request) => TCaller | null | Promise<TCaller | null>
  /**
   * The path the proxy is mounted at; requests outside it are a 404.
   * @defaultValue '' (the root)
   */
  basePath?: string
  /** Run and thread fields callers may set, e.g. `['model', 'temperature']` (see `OVERRIDE_FIELDS`). */
  allowOverrides?: readonly string[]
  /**
   * Whether `GET /assistants/{id}` is forwarded for the configured ids. Off by default: an assistant object holds
   * its instructions (the system prompt) and tool resources, which most apps keep private.
   * @defaultValue false
   */
  exposeAssistants?: boolean
  /**
   * Whether requests a browser marks `Sec-Fetch-Site: cross-site` are served. Off by default: a cross-site page can
   * send body-less POSTs (a run cancel) with the user's cookies and no CORS preflight; JSON bodies already need one.
   * Turn it on only if your app is served from another site and authenticates with a header, not a cookie.
   * @defaultValue false
   */
  allowCrossSite?: boolean
  /**
   * Rate limiting: `true` lets the request through; `false` or `{ retryAfter }` (seconds) answers 429. Anything else
   * answers 429 too, so a limiter that forgets to answer fails closed. Must not consume the request body.
   */
  limit?: (
    caller: TCaller,
    request: Request,
    context: LimitContext,
  ) => boolean | LimitDecision | Promise<boolean | LimitDecision>
  /**
   * Largest accepted request body in bytes (413 above it).
   * @defaultValue 262144 (256 KiB)
   */
  maxBodyBytes?: number
  /** Bounds of the thread-owner cache. */
  ownerCache?: OwnerCacheOptions
  /** The fetch used for upstream; defaults to `globalThis.fetch`, read at call time. */
  fetch?: typeof fetch
  /** Receives failures the browser only sees as a generic 5xx (network errors, upstream auth, thrown hooks). */
  onError?: (error: unknown) => void
}

/** A Web-standard request handler. */
export type ProxyHandler = (request: Request) => Promise<Response>

/**
 * Checks the options once, at creation, so a misconfigured proxy fails at deploy time instead of on a request.
 *
 * @param options - the options given to `createProxy`
 * @throws TypeError with a hint on the first problem
 */
export function validateOptions<TCaller extends ProxyCaller>(options: ProxyOptions<TCaller>): void {
  const upstream = options?.upstream
  let parsed: URL | undefined
  try {
    parsed = new URL(upstream?.baseURL ?? '')
  } catch {
    parsed = undefined
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new TypeError(
      'createProxy: upstream.baseURL must be an absolute http(s) URL, e.g. https://api.openai.com/v1.',
    )
  }
  if ((upstream.apiKey === undefined) === (upstream.getToken === undefined)) {
    throw new TypeError('createProxy: pass exactly one of upstream.apiKey or upstream.getToken.')
  }
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('createProxy: secret must be a string of at least 32 characters (e.g. 32 random bytes, hex).')
  }
  if (!Array.isArray(options.assistants) || !options.assistants.every((id) => SEGMENT_PATTERN.test(id))) {
    throw new TypeError("createProxy: assistants must be an array of assistant ids, e.g. ['asst_abc123'].")
  }
  if (typeof options.authorize !== 'function') {
    throw new TypeError('createProxy: authorize(request) is required. Did you mean authorize: () => ({ userId })?')
  }
  if (options.basePath !== undefined && options.basePath !== '' && !options.basePath.startsWith('/')) {
    throw new TypeError(`createProxy: basePath must start with '/'. Did you mean '/${options.basePath}'?`)
  }
  const max = options.maxBodyBytes
  if (max !== undefined && (!Number.isInteger(max) || max <= 0)) {
    throw new TypeError('createProxy: maxBodyBytes must be a positive integer.')
  }
}
