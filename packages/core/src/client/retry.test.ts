import { describe, expect, it } from 'vitest'
import { isRetryableStatus, retryDelay, sleep } from './retry.ts'

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

describe('retryDelay', () => {
  it('doubles per attempt, removes up to 25% as jitter and stops growing at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, undefined, fixed(0), fixed(NOW)))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ])
    expect(retryDelay(0, undefined, fixed(0.999_999), fixed(NOW))).toBe(375)
    expect(retryDelay(1, undefined, fixed(0.5), fixed(NOW))).toBe(875)
  })

  it('prefers retry-after-ms over Retry-After', () => {
    const headers = new Headers({ 'retry-after-ms': '150', 'retry-after': '9' })
    expect(retryDelay(3, headers, fixed(0.5), fixed(NOW))).toBe(150)
  })

  it('reads Retry-After as seconds, fractional seconds and an HTTP date', () => {
    expect(retryDelay(0, new Headers({ 'retry-after': '2' }), fixed(0.5), fixed(NOW))).toBe(2000)
    expect(retryDelay(0, new Headers({ 'retry-after': '0.5' }), fixed(0.5), fixed(NOW))).toBe(500)
    expect(retryDelay(0, new Headers({ 'retry-after': '0' }), fixed(0.5), fixed(NOW))).toBe(0)
    const date = new Date(NOW + 3_000).toUTCString()
    expect(retryDelay(0, new Headers({ 'retry-after': date }), fixed(0.5), fixed(NOW))).toBe(3000)
    const past = new Date(NOW - 3_000).toUTCString()
    expect(retryDelay(0, new Headers({ 'retry-after': past }), fixed(0.5), fixed(NOW))).toBe(0)
  })

  it('caps a server hint at 60 s', () => {
    expect(retryDelay(0, new Headers({ 'retry-after': '3600' }), fixed(0.5), fixed(NOW))).toBe(60_000)
    expect(retryDelay(0, new Headers({ 'retry-after-ms': '999999' }), fixed(0.5), fixed(NOW))).toBe(60_000)
  })

  it('falls back to backoff on a malformed hint', () => {
    for (const value of ['soon', '-5', '1e3', '']) {
      const headers = new Headers({ 'retry-after': value, 'retry-after-ms': value })
      expect(retryDelay(1, headers, fixed(0), fixed(NOW))).toBe(1000)
    }
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
