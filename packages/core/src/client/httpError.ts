import { AssistantsError } from '../errors.ts'
import { hintedDelay } from './retry.ts'

/** Longest piece of a non-JSON body quoted in an error message. */
const EXCERPT_LENGTH = 200
/** Longest raw body kept on `error.details` when it is not JSON. */
const RAW_BODY_LENGTH = 2_000

/** Where a request went, for error messages: `[POST] /threads/thread_x/runs`. */
export interface RequestTarget {
  method: string
  /** Relative to the base URL, without the query. */
  path: string
}

/**
 * The server's request id: OpenAI's `x-request-id`, or Azure API Management's `apim-request-id`.
 *
 * @param headers - response headers
 * @returns the id, or undefined when neither header is present
 */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('apim-request-id') ?? undefined
}

/**
 * Builds the `http` error for a non-2xx response whose body has been read as text. Accepts the wire error in both
 * shapes (`{ error: { message, ... } }` and bare `{ message, ... }`) and stays readable for HTML pages and empty bodies.
 *
 * @param target - method and path of the request
 * @param response - the response (its body is not read again)
 * @param text - the body text
 * @returns the error, with status, request id and the wire error object as `details`
 */
export function createHttpError(target: RequestTarget, response: Response, text: string): AssistantsError {
  const json = parseJson(text)
  const wire = wireErrorOf(json)
  const wireMessage = typeof wire?.['message'] === 'string' && wire['message'].trim() !== '' ? wire['message'] : ''
  const reason = wireMessage || response.statusText || excerpt(text) || '(empty response body)'
  return new AssistantsError('http', `[${target.method}] ${target.path}: ${response.status} ${reason}`, {
    status: response.status,
    requestId: requestIdOf(response.headers),
    body: wire ?? (json !== undefined ? json : rawBody(text)),
    method: target.method,
    path: target.path,
    retryAfterMs: hintedDelay(response.headers, Date.now),
  })
}

/**
 * A short, readable quote of a body that is not what we expected: the `<title>` of an HTML page, else the text with
 * tags removed and whitespace collapsed, cut to 200 characters.
 *
 * @param text - the body text
 * @returns the quote, empty for an empty body
 */
export function excerpt(text: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1]
  const plain = (title ?? text)
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain
}

/**
 * Parses JSON without throwing.
 *
 * @param text - the body text
 * @returns the value, or undefined when the text is not JSON
 */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function wireErrorOf(json: unknown): Record<string, unknown> | undefined {
  if (!isRecord(json)) return undefined
  if (isRecord(json['error'])) return json['error']
  // Self-hosted servers vary: `{ "error": "text" }`, FastAPI's `{ "detail": "text" }`, or the wire object bare.
  if (typeof json['error'] === 'string') return { message: json['error'] }
  if (typeof json['detail'] === 'string') return { message: json['detail'] }
  return 'message' in json || 'code' in json || 'type' in json ? json : undefined
}

function rawBody(text: string): string | undefined {
  if (text === '') return undefined
  return text.length > RAW_BODY_LENGTH ? text.slice(0, RAW_BODY_LENGTH) : text
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
