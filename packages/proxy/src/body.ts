import { type Refusal, refuse } from './errors.ts'

/** A JSON object body as parsed; values are checked field by field in policy.ts. */
export type JsonObject = Record<string, unknown>

/**
 * Deepest nesting accepted in a body. Request bodies are shallow (a JSON schema in a tool definition is the deepest
 * thing they legitimately hold); a 100 000-deep array fits in the size limit and would overflow the stack of the
 * recursive `JSON.stringify` that rebuilds the body.
 */
const MAX_DEPTH = 64

/** The default request body limit: 256 KiB, far above any thread, message or run request the client sends. */
export const DEFAULT_MAX_BODY_BYTES: number = 256 * 1024

/**
 * Reads a request body as a JSON object, refusing early and cheaply.
 *
 * - The size limit is counted while the stream is read, so a missing or lying `Content-Length` (chunked uploads)
 *   changes nothing; a declared length above the limit is refused before reading, as a shortcut only.
 * - A body must be `application/json` (any parameters, e.g. `charset=utf-8`): 415 otherwise. An empty body, with or
 *   without a content type, is "no body" (`null`), since several routes take none.
 * - The bytes must be UTF-8 and parse to a JSON object: 400 otherwise.
 *
 * @param request - the incoming request; its body is consumed
 * @param maxBytes - the size limit in bytes
 * @returns the parsed object, `null` for an empty body, or a refusal (413, 415, 400)
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonObject | null | Refusal> {
  const contentType = request.headers.get('content-type')
  if (contentType !== null && !isJson(contentType)) return unsupported()
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return tooLarge(maxBytes)

  const bytes = await readLimited(request.body, maxBytes)
  if (bytes === null) return tooLarge(maxBytes)
  if (bytes.byteLength === 0) return null
  if (contentType === null) return unsupported()

  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return invalid('The request body is not valid UTF-8.')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return invalid('The request body is not valid JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('The request body must be a JSON object.')
  }
  if (tooDeep(value, MAX_DEPTH)) return invalid(`The request body is nested deeper than ${MAX_DEPTH} levels.`)
  return value as JsonObject
}

/**
 * Reads a stream up to `maxBytes`, cancelling it as soon as the limit is passed (the rest is never pulled).
 *
 * @param body - the stream, or `null` for no body
 * @param maxBytes - the limit
 * @returns the bytes, or `null` when the stream was longer than the limit
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (body === null) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined)
        return null
      }
      chunks.push(value)
    }
  } finally {
    reader.releaseLock()
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** Iterative (a recursive walk would overflow on exactly the input it must refuse). */
function tooDeep(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, depth] = item
    if (typeof value !== 'object' || value === null) continue
    if (depth > max) return true
    for (const child of Object.values(value)) stack.push([child, depth + 1])
  }
  return false
}

function isJson(contentType: string): boolean {
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase()
  return essence === 'application/json'
}

function tooLarge(maxBytes: number): Refusal {
  return refuse(413, 'invalid_request_error', `The request body is larger than ${maxBytes} bytes.`, 'body_too_large')
}

function unsupported(): Refusal {
  return refuse(415, 'invalid_request_error', 'The request body must be application/json.', 'unsupported_media_type')
}

function invalid(message: string): Refusal {
  return refuse(400, 'invalid_request_error', message, 'invalid_json')
}
