/** First backoff step; doubled per attempt. */
const INITIAL_DELAY_MS = 500
/** Ceiling of the computed (not server-hinted) backoff. */
const MAX_BACKOFF_MS = 8_000
/** A server hint longer than this is capped: a client should not hang for minutes because a header said so. */
const MAX_HINTED_DELAY_MS = 60_000
/** Up to this fraction of the backoff is removed at random, so many clients do not retry in lockstep. */
const JITTER = 0.25

/**
 * Whether a response status is worth retrying (for idempotent GETs only).
 *
 * @param status - the HTTP status
 * @returns true for 408, 409, 429 and every 5xx
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status <= 599)
}

/**
 * The wait before retry number `attempt + 1`: the server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date)
 * when present and valid (capped at 60 s), else exponential backoff with jitter.
 *
 * @param attempt - 0 for the first retry
 * @param headers - the failed response's headers; undefined after a network error
 * @param random - a source of numbers in [0, 1)
 * @param now - the current time in ms since the epoch (for `Retry-After` dates)
 * @returns milliseconds to wait
 */
export function retryDelay(
  attempt: number,
  headers: Headers | undefined,
  random: () => number,
  now: () => number,
): number {
  const hinted = headers === undefined ? undefined : hintedDelay(headers, now)
  if (hinted !== undefined) return Math.min(hinted, MAX_HINTED_DELAY_MS)
  const backoff = Math.min(INITIAL_DELAY_MS * 2 ** attempt, MAX_BACKOFF_MS)
  return Math.round(backoff * (1 - JITTER * random()))
}

/**
 * The wait a response asks for: `retry-after-ms` (ms), or `Retry-After` (seconds or an HTTP date).
 *
 * @param headers - response headers
 * @param now - the clock, for HTTP dates
 * @returns milliseconds, or undefined when the response names no wait
 */
export function hintedDelay(headers: Headers, now: () => number): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number(ms)
  const after = headers.get('retry-after')
  if (after === null || after.trim() === '') return undefined
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Number(after) * 1000
  // An HTTP date names its month; without this, engines read '-5' or '1e3' as years.
  const date = /[a-z]{3}/i.test(after) ? Date.parse(after) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now())
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
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
