import { describe, expect, it } from 'vitest'
import { hintedDelay, isRetryableStatus, retryDelay, sleep } from './retry.ts'

const NOW = Date.parse('2026-01-01T00:00:00Z')
const fixed = (value: number) => () => value

describe('isRetryableStatus', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true)
  })
  it.each([200, 400, 401, 403, 404, 410, 422, 600])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false)
  })
})

/** The wait before the first retry after a response with these headers. */
const waitAfter = (headers: Headers, attempt = 0) => retryDelay(attempt, hintedDelay(headers, fixed(NOW)), fixed(0.5))

describe('retryDelay', () => {
  it('doubles per attempt, removes up to 25% as jitter and stops growing at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, undefined, fixed(0)))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ])
    expect(retryDelay(0, undefined, fixed(0.999_999))).toBe(375)
    expect(retryDelay(1, undefined, fixed(0.5))).toBe(875)
  })

  it('prefers retry-after-ms over Retry-After', () => {
    const headers = new Headers({ 'retry-after-ms': '150', 'retry-after': '9' })
    expect(waitAfter(headers, 3)).toBe(150)
  })

  it('reads Retry-After as seconds, fractional seconds and an HTTP date', () => {
    expect(waitAfter(new Headers({ 'retry-after': '2' }))).toBe(2000)
    expect(waitAfter(new Headers({ 'retry-after': '0.5' }))).toBe(500)
    expect(waitAfter(new Headers({ 'retry-after': '0' }))).toBe(0)
    const date = new Date(NOW + 3_000).toUTCString()
    expect(waitAfter(new Headers({ 'retry-after': date }))).toBe(3000)
    const past = new Date(NOW - 3_000).toUTCString()
    expect(waitAfter(new Headers({ 'retry-after': past }))).toBe(0)
  })

  it('caps a server hint at 60 s', () => {
    expect(waitAfter(new Headers({ 'retry-after': '3600' }))).toBe(60_000)
    expect(waitAfter(new Headers({ 'retry-after-ms': '999999' }))).toBe(60_000)
  })

  it('falls back to backoff on a malformed hint', () => {
    for (const value of ['soon', '-5', '1e3', '']) {
      const headers = new Headers({ 'retry-after': value, 'retry-after-ms': value })
      expect(hintedDelay(headers, fixed(NOW))).toBeUndefined()
      expect(waitAfter(headers, 1)).toBe(875)
    }
  })
})

describe('hintedDelay', () => {
  it('reads what the server asked for, uncapped, and nothing when it asked for nothing', () => {
    expect(hintedDelay(new Headers({ 'retry-after': '3600' }), fixed(NOW))).toBe(3_600_000)
    expect(hintedDelay(new Headers(), fixed(NOW))).toBeUndefined()
  })
})

describe('sleep', () => {
  it('resolves after the wait', async () => {
    await expect(sleep(1)).resolves.toBeUndefined()
  })

  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('stop')
    await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason)
  })

  it('rejects with the reason when the signal aborts during the wait', async () => {
    const controller = new AbortController()
    const reason = new Error('user left')
    const waiting = sleep(60_000, controller.signal)
    controller.abort(reason)
    await expect(waiting).rejects.toBe(reason)
  })
})
