/**
 * Whether a response status is worth retrying (for idempotent GETs only).
 *
 * @param status - the HTTP status
 * @returns true for 408, 409, 429 and every 5xx
 */
export function isRetryableStatus(status: number): boolean {
  return /^(408|409|429|5\d\d)$/.test(`${status}`)
}

/**
 * The wait before retry number `attempt + 1`: the server's hint, capped at 60 s (a header should not hang a client
 * for minutes), else exponential backoff from 500 ms, at most 8 s, minus up to 25% at random so that many clients do
 * not retry in lockstep.
 *
 * @param attempt - 0 for the first retry
 * @param hint - the server's hint in ms ({@link hintedDelay}), undefined when it gave none
 * @param random - a source of numbers in [0, 1)
 * @returns milliseconds to wait
 */
export function retryDelay(attempt: number, hint: number | undefined, random: () => number): number {
  return hint === undefined
    ? Math.round(Math.min(500 * 2 ** attempt, 8_000) * (1 - random() / 4))
    : Math.min(hint, 60_000)
}

/**
 * The wait a response asks for: `retry-after-ms` (ms), or `Retry-After` (seconds or an HTTP date).
 *
 * @param headers - response headers
 * @param now - the clock, for HTTP dates
 * @returns milliseconds, or undefined when the response names no (valid) wait
 */
export function hintedDelay(headers: Headers, now: () => number): number | undefined {
  const number = /^\s*\d+(\.\d+)?\s*$/
  const ms = headers.get('retry-after-ms') ?? ''
  const after = headers.get('retry-after') ?? ''
  // An HTTP date names its month; without that test, engines read '-5' or '1e3' as years.
  const date = number.test(after) ? +after * 1000 : /[a-z]{3}/i.test(after) ? Date.parse(after) - now() : Number.NaN
  return number.test(ms) ? +ms : Number.isNaN(date) ? undefined : Math.max(0, date)
}

/**
 * Waits `ms` milliseconds; rejects at once with the signal's reason when it aborts (or already has).
 *
 * @param ms - how long to wait
 * @param signal - stops the wait
 * @returns a promise that resolves after the wait
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted()
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort)
  })
}
