import { anySignal } from '../anySignal.ts'
import { AssistantsError, type AssistantsErrorCode, type AssistantsErrorDetails, shown } from '../errors.ts'
import { checkValidation, type ResponseSchemaName, type Validation } from '../schemas/validation.ts'
import { clip } from '../stream/clip.ts'
import { parseOrRaw } from '../stream/toAssistantEvent.ts'
import type { ClientOptions, RequestOptions } from './options.ts'
import { hintedDelay, isRetryableStatus, retryDelay, sleep } from './retry.ts'

/** The methods of the REST routes. */
export type Method = 'GET' | 'POST' | 'DELETE'

/** A parsed JSON response and the response it came from (for headers such as `openai-poll-after-ms`). */
export interface JsonResponse<T> {
  data: T
  response: Response
}

/** Seams for tests: backoff waits, jitter and clock without real timers. Not part of the public API. */
export interface TransportInternals {
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined
  random?: (() => number) | undefined
  now?: (() => number) | undefined
}

/** The HTTP layer every route uses: URL, headers, auth, timeouts, retries and errors. */
export interface Transport {
  readonly validation: Validation
  /**
   * Sends a JSON request and parses its JSON object answer; GETs are retried, nothing else is. `query` holds strings,
   * numbers and booleans (arrays are sent as the wire's `key[]=a&key[]=b`, nullish values are skipped); `body` is
   * sent as JSON unless undefined; `schema` names what strict validation checks the answer against.
   */
  request<T>(
    method: Method,
    path: string,
    schema?: ResponseSchemaName,
    options?: RequestOptions,
    body?: unknown,
    query?: object,
  ): Promise<JsonResponse<T>>
  /**
   * With `stream` (the run stream's signal, which follows `options.signal` too): asks for an event stream and returns
   * its body unread; never retried.
   */
  request(
    method: Method,
    path: string,
    schema: ResponseSchemaName | undefined,
    options: RequestOptions | undefined,
    body: unknown,
    query: object | undefined,
    stream: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>>
  /** Checks `value` against the named schema when validation is strict; returns the (possibly parsed) value. */
  check<T>(schema: ResponseSchemaName | undefined, value: unknown, method: string, path: string): T
  /** The backoff sleep, shared with `runs.poll`. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/**
 * An error about one request: `[METHOD] path: <what>`, with method and path among its details.
 *
 * @param code - what went wrong
 * @param method - the request method
 * @param path - the path relative to the base URL, without the query
 * @param what - what happened
 * @param details - status, request id, body, cause
 * @returns the error
 */
export function requestError(
  code: AssistantsErrorCode,
  method: string,
  path: string,
  what: string,
  details?: AssistantsErrorDetails,
): AssistantsError {
  return new AssistantsError(code, `[${method}] ${path}: ${what}`, { method, path, ...details })
}

/**
 * Creates the transport of a client: fetch (injected, read at call time) with no HTTP library in between.
 *
 * @param options - the client options (`fetch`, auth and headers are read from them at call time)
 * @param internals - test seams for sleep, jitter and clock
 * @returns the transport
 * @throws TypeError for an unknown `validation` (the other options are checked by `createClient`)
 */
export function createTransport(options: ClientOptions, internals: TransportInternals = {}): Transport {
  const base = options.baseURL.replace(/\/+$/, '')
  const azure = options.flavor === 'azure'
  const validation = checkValidation(options.validation, 'createClient')
  const { sleep: wait = sleep, random = Math.random, now = Date.now } = internals

  const check = <T>(schema: ResponseSchemaName | undefined, value: unknown, method: string, path: string): T =>
    (typeof validation === 'object' && schema ? validation.response(schema, value, { method, path }) : value) as T

  /** One request, retried (GETs only) on a network error, 408, 409, 429 and 5xx; see {@link Transport.request}. */
  async function send(
    method: Method,
    path: string,
    schema?: ResponseSchemaName,
    init?: RequestOptions,
    body?: unknown,
    query?: object,
    stream?: AbortSignal,
  ): Promise<JsonResponse<unknown> | ReadableStream<Uint8Array>> {
    const signal = stream ?? init?.signal
    let search = azure ? `&api-version=${encodeURIComponent(options.apiVersion ?? 'v1')}` : ''
    for (const [key, value] of Object.entries(query ?? {})) {
      for (const item of value == null ? [] : [value].flat()) {
        if (!['string', 'number', 'boolean'].includes(typeof item)) {
          throw new TypeError(`Query parameter "${key}" must be a string, number or boolean, got ${shown(item)}.`)
        }
        search += `&${encodeURIComponent(key)}${Array.isArray(value) ? '[]' : ''}=${encodeURIComponent(item)}`
      }
    }
    // Undefined stays undefined (no body). A body that is not JSON (a BigInt, a cycle) throws JSON.stringify's own
    // TypeError before anything is sent.
    const json = JSON.stringify(body)
    const ms = init?.timeout ?? options.timeout ?? 60_000
    // A stream is always a POST.
    const retries = method === 'GET' ? (options.maxRetries ?? 2) : 0
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers({ Accept: stream ? EVENT_STREAM : JSON_TYPE })
      if (json) headers.set('Content-Type', JSON_TYPE)
      if (!azure) headers.set('OpenAI-Beta', 'assistants=v2')
      // Asked before every attempt: tokens expire.
      const token = options.getToken ? await options.getToken() : options.apiKey
      if (token !== undefined && typeof token !== 'string') throw new TypeError('getToken() must resolve to a string.')
      if (token) headers.set('Authorization', `Bearer ${token}`)
      for (const extra of [options.headers, init?.headers])
        for (const [key, value] of Object.entries(extra ?? {})) headers.set(key, value)
      signal?.throwIfAborted()
      const timeout = new AbortController()
      const timer = setTimeout(() => timeout.abort(), ms)
      let hint: number | undefined
      let error: unknown
      try {
        // Read at call time, never at creation, so a replaced `options.fetch` (or a late polyfill) is used.
        const response = await (options.fetch ?? globalThis.fetch)(base + path + search.replace('&', '?'), {
          method,
          headers,
          body: json,
          signal: signal ? anySignal([signal, timeout.signal]) : timeout.signal,
        })
        const { headers: answer, status, ok } = response
        // An event stream is left unread for the caller (a missing or empty content type is accepted: some minimal
        // servers omit it, and the parser checks); every other body is read here, inside the timeout.
        const type = answer.get('content-type')
        if (stream && ok && /^(\s*text\/event-stream\s*(;|$)|$)/i.test(type ?? '')) {
          return response.body ?? new Blob().stream()
        }
        const text = await response.text()
        const data = parseOrRaw(text)
        if (ok && !stream && isRecord(data)) return { data: check(schema, data, method, path), response }
        hint = hintedDelay(answer, now)
        // The wire error is `{ error: { message } }` or bare `{ message }`; self-hosted servers send
        // `{ error: 'text' }` or FastAPI's `{ detail: 'text' }`. A raw body is kept up to 2,000 characters.
        const wire = isRecord(data) ? (data['error'] ?? data['detail'] ?? data) : undefined
        const said = (wire as { message?: unknown } | undefined)?.message ?? wire
        const quote = excerpt(text)
        error = requestError(
          ok ? 'invalid_event' : 'http',
          method,
          path,
          ok
            ? `expected ${stream ? EVENT_STREAM : 'a JSON object'} but got ${type ?? 'no content type'}${quote ? `: ${quote}` : ' and an empty body'}`
            : `${status} ${(typeof said === 'string' && said.trim()) || response.statusText || quote || '(empty response body)'}`,
          {
            status,
            requestId: answer.get('x-request-id') ?? answer.get('apim-request-id') ?? undefined,
            retryAfterMs: hint,
            body: ok ? data : (wire ?? (text.slice(0, 2_000) || undefined)),
          },
        )
        // Thrown through the catch below, which passes an AssistantsError on as it is.
        if (ok || !isRetryableStatus(status)) throw error
      } catch (cause) {
        signal?.throwIfAborted()
        if (timeout.signal.aborted)
          throw requestError('timeout', method, path, `no response within ${ms} ms`, { cause })
        if (AssistantsError.is(cause)) throw cause
        error = requestError('network', method, path, `network error: ${(cause as Error | null)?.message ?? cause}`, {
          cause,
        })
      } finally {
        clearTimeout(timer)
      }
      if (attempt >= retries) throw error
      await wait(retryDelay(attempt, hint, random), signal)
    }
  }

  return { validation, sleep: wait, check, request: send as Transport['request'] }
}

const JSON_TYPE = 'application/json'
const EVENT_STREAM = 'text/event-stream'

/**
 * A short, readable quote of a body that is not what we expected: the `<title>` of an HTML page, else the text with
 * tags removed and whitespace collapsed, cut to 200 characters.
 */
function excerpt(text: string): string {
  return clip((/<title[^>]*>([^<]*)/i.exec(text)?.[1] ?? text).replace(/(<[^>]*>|\s)+/g, ' ').trim(), 200)
}

/**
 * Whether a value is a non-array object.
 *
 * @param value - anything
 * @returns true for `{ ... }`
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
