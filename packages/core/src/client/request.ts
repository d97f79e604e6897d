import { createFetch } from 'ofetch'
import * as v from 'valibot'
import { anySignal } from '../anySignal.ts'
import { AssistantsError } from '../errors.ts'
import type { Validation } from '../schemas/index.ts'
import { buildURL } from './buildURL.ts'
import { createHttpError, excerpt, isRecord, parseJson, type RequestTarget, requestIdOf } from './httpError.ts'
import type { ClientOptions, RequestOptions } from './options.ts'
import { isRetryableStatus, retryDelay, sleep } from './retry.ts'

const DEFAULT_TIMEOUT_MS = 60_000
const DEFAULT_MAX_RETRIES = 2

/** What one JSON request needs besides its method and path. */
export interface JsonRequest {
  /** Strings, numbers and booleans; arrays are sent as `key[]=a&key[]=b` (the wire's `include[]`); nullish skipped. */
  query?: object | undefined
  /** Serialised as JSON; omitted when undefined. */
  body?: unknown
  /** Checked (and its output returned) only when the client's validation is `strict`. */
  schema?: v.GenericSchema | undefined
  options?: RequestOptions | undefined
}

/** A parsed JSON response and the response it came from (for headers such as `openai-poll-after-ms`). */
export interface JsonResponse<T> {
  data: T
  response: Response
}

/** Seams for tests: backoff waits and jitter without real timers. Not part of the public API. */
export interface TransportInternals {
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined
  random?: (() => number) | undefined
  now?: (() => number) | undefined
}

/** The HTTP layer every resource uses: URL, headers, auth, timeouts, retries and errors. */
export interface Transport {
  readonly validation: Validation
  /** Sends a request and parses its JSON answer; GETs are retried, nothing else is. */
  request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, init?: JsonRequest): Promise<JsonResponse<T>>
  /** POSTs with `Accept: text/event-stream` and returns the event-stream body; never retried. */
  stream(path: string, init: JsonRequest & { signal: AbortSignal }): Promise<ReadableStream<Uint8Array>>
  /** Checks `value` against `schema` when validation is `strict`; returns the (possibly parsed) value. */
  check<T>(schema: v.GenericSchema | undefined, value: unknown, target: RequestTarget): T
  /** The backoff sleep, shared with `runs.poll`. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

interface Answer {
  response: Response
  /** The body text, unless it is an event stream left unread for the caller. */
  text: string
}

/**
 * Creates the transport of a client.
 *
 * @param options - the client options (`fetch` is read from them at call time)
 * @param internals - test seams for sleep, jitter and clock
 * @returns the transport
 */
export function createTransport(options: ClientOptions, internals: TransportInternals = {}): Transport {
  const flavor = options.flavor ?? 'openai'
  const base = options.baseURL.replace(/\/+$/, '')
  const validation = options.validation ?? 'lenient'
  const wait = internals.sleep ?? sleep
  const random = internals.random ?? Math.random
  const now = internals.now ?? Date.now
  // Read at call time, never at import or creation, so a replaced fetch (or a late polyfill) is used.
  const callFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init)

  async function headersOf(stream: boolean, hasBody: boolean, extra: Record<string, string> | undefined) {
    const headers = new Headers({ Accept: stream ? 'text/event-stream' : 'application/json' })
    if (hasBody) headers.set('Content-Type', 'application/json')
    if (flavor === 'openai') headers.set('OpenAI-Beta', 'assistants=v2')
    const token = options.getToken ? await options.getToken() : options.apiKey
    if (token !== undefined && typeof token !== 'string') throw new TypeError('getToken() must resolve to a string.')
    if (token) headers.set('Authorization', `Bearer ${token}`)
    for (const source of [options.headers, extra])
      for (const [k, val] of Object.entries(source ?? {})) headers.set(k, val)
    return headers
  }

  async function once(
    target: RequestTarget,
    init: JsonRequest,
    signals: AbortSignal[],
    stream: boolean,
  ): Promise<Answer> {
    const label = `[${target.method}] ${target.path}`
    const url = buildURL(base, target.path, init.query, flavor === 'azure' ? (options.apiVersion ?? 'v1') : undefined)
    const body = init.body === undefined ? undefined : serialise(label, init.body)
    const headers = await headersOf(stream, body !== undefined, init.options?.headers)
    for (const signal of signals) if (signal.aborted) throw signal.reason
    const timeoutMs = init.options?.timeout ?? options.timeout ?? DEFAULT_TIMEOUT_MS
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), timeoutMs)
    try {
      const $fetch = createFetch({ fetch: callFetch, Headers: globalThis.Headers })
      // ofetch's own retry and error throwing are off: the rules of retry.ts and httpError.ts apply instead. The body
      // is read here (not by ofetch's lenient `destr`) so a non-JSON answer is an error, not a string.
      const response = await $fetch.raw(url, {
        method: target.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: anySignal([...signals, timeout.signal]),
        responseType: 'stream',
        retry: false,
        ignoreResponseError: true,
      })
      const keepBody = stream && response.ok && isEventStream(response)
      return { response, text: keepBody ? '' : await response.text() }
    } catch (caught) {
      for (const signal of signals) if (signal.aborted) throw signal.reason
      // ofetch wraps what fetch threw in a FetchError; report the original.
      const cause = isRecord(caught) && caught['name'] === 'FetchError' && 'cause' in caught ? caught['cause'] : caught
      if (timeout.signal.aborted) {
        throw new AssistantsError('timeout', `${label}: no response within ${timeoutMs} ms`, { ...target, cause })
      }
      if (AssistantsError.is(cause)) throw cause
      const why = cause instanceof Error ? cause.message : String(cause)
      throw new AssistantsError('network', `${label}: network error: ${why}`, { ...target, cause })
    } finally {
      clearTimeout(timer)
    }
  }

  async function send(target: RequestTarget, init: JsonRequest, signals: AbortSignal[], stream: boolean) {
    const retries = target.method === 'GET' && !stream ? (options.maxRetries ?? DEFAULT_MAX_RETRIES) : 0
    for (let attempt = 0; ; attempt++) {
      const outcome = await once(target, init, signals, stream).then(
        (answer): Answer | AssistantsError => answer,
        (caught: unknown) => {
          if (AssistantsError.is(caught) && caught.code === 'network') return caught
          throw caught
        },
      )
      let error: AssistantsError
      let headers: Headers | undefined
      if (AssistantsError.is(outcome)) error = outcome
      else if (outcome.response.ok) return outcome
      else {
        error = createHttpError(target, outcome.response, outcome.text)
        if (!isRetryableStatus(outcome.response.status)) throw error
        headers = outcome.response.headers
      }
      if (attempt >= retries) throw error
      await wait(retryDelay(attempt, headers, random, now), init.options?.signal)
    }
  }

  function check<T>(schema: v.GenericSchema | undefined, value: unknown, target: RequestTarget): T {
    if (schema === undefined || validation !== 'strict') return value as T
    const result = v.safeParse(schema, value)
    if (result.success) return result.output as T
    const issue = result.issues[0]
    const where = v.getDotPath(issue) ?? '(root)'
    const message = `[${target.method}] ${target.path}: the response does not match its schema at ${where}: ${issue.message}`
    throw new AssistantsError('invalid_event', message, { ...target, issues: result.issues, body: value })
  }

  return {
    validation,
    sleep: wait,
    check,
    async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, init: JsonRequest = {}) {
      const target = { method, path }
      const signals = init.options?.signal ? [init.options.signal] : []
      const { response, text } = await send(target, init, signals, false)
      const data = parseJson(text)
      if (!isRecord(data)) {
        const type = response.headers.get('content-type') ?? 'no content type'
        const quote = excerpt(text)
        const message = `[${method}] ${path}: ${response.status} answered with ${type}${quote ? `: ${quote}` : ' and an empty body'}, not a JSON object`
        throw new AssistantsError('invalid_event', message, {
          status: response.status,
          requestId: requestIdOf(response.headers),
          body: data ?? text,
          ...target,
        })
      }
      return { data: check<T>(init.schema, data, target), response }
    },
    async stream(path: string, init: JsonRequest & { signal: AbortSignal }) {
      const target = { method: 'POST', path }
      const signals = init.options?.signal ? [init.options.signal, init.signal] : [init.signal]
      const { response, text } = await send(target, init, signals, true)
      if (isEventStream(response)) return response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
      const type = response.headers.get('content-type') ?? ''
      const json = parseJson(text)
      const hint =
        json === undefined ? `: ${excerpt(text) || 'an empty body'}` : ' (did the server ignore "stream": true?)'
      throw new AssistantsError('invalid_event', `[POST] ${path}: expected text/event-stream but got ${type}${hint}`, {
        status: response.status,
        requestId: requestIdOf(response.headers),
        body: json ?? text,
        ...target,
      })
    },
  }
}

/** A missing content type is accepted as an event stream: some minimal servers omit it, and the parser still checks. */
function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type')
  return type === null || type === '' || /^\s*text\/event-stream\s*(;|$)/i.test(type)
}

function serialise(label: string, body: unknown): string {
  try {
    return JSON.stringify(body)
  } catch (error) {
    throw new TypeError(`${label}: the request body is not JSON-serialisable (${String(error)}).`)
  }
}
