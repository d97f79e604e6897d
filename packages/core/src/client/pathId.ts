/**
 * Checks and encodes one id of a request path (`thread_…`, `run_…`). Misuse fails here, before anything is sent.
 *
 * @param name - the parameter name, for the error message (`threadId`)
 * @param value - the id
 * @returns the id, percent-encoded for a path segment
 * @throws TypeError when the id is not a non-empty string
 */
export function pathId(name: string, value: unknown): string {
  if (typeof value === 'string' && value !== '') return encodeURIComponent(value)
  const object = typeof value === 'object' && value !== null
  const hint =
    object && typeof (value as { id?: unknown }).id === 'string' ? ` Did you mean ${name.replace(/Id$/, '')}.id?` : ''
  const got = typeof value === 'string' ? 'an empty string' : object ? 'an object' : String(value)
  throw new TypeError(`${name} must be a non-empty string, got ${got}.${hint}`)
}

/**
 * Checks that a required request body is a plain object.
 *
 * @param call - the method, for the error message (`messages.create`)
 * @param body - the body
 * @param example - a minimal valid body, shown in the hint
 * @throws TypeError when the body is missing or not an object
 */
export function requireBody(call: string, body: unknown, example: string): void {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return
  throw new TypeError(
    `${call} needs a body object, got ${Array.isArray(body) ? 'an array' : String(body)}. Try ${example}.`,
  )
}

/**
 * A non-stream method answered with SSE would fail late and obscurely; say which method streams instead.
 *
 * @param call - the method called
 * @param body - its body
 * @param instead - the streaming method
 * @throws TypeError when the body asks for `stream: true`
 */
export function refuseStream(call: string, body: object, instead: string): void {
  if ((body as { stream?: unknown }).stream === true) {
    throw new TypeError(`${call} does not stream. Did you mean ${instead}()?`)
  }
}
