import { describe, expect, it } from 'vitest'
import { createFaultQueue, parseFault, statusFaultError } from './faults.ts'

describe('parseFault', () => {
  it('accepts every fault kind', () => {
    const faults = [
      { match: 'POST /threads/*/runs', kind: 'status', status: 429 },
      { match: '/threads', kind: 'delay', ms: 10 },
      { match: '/threads/**', kind: 'drop', afterEvents: 3 },
      { match: '/threads/**', kind: 'drop', afterBytes: 100 },
      { match: '/threads/**', kind: 'error_event' },
      { match: '/threads/**', kind: 'run_outcome', status: 'failed', afterDeltas: 2 },
      { match: '/threads/**', kind: 'delay_tokens', ms: 5, times: 3 },
    ]
    for (const fault of faults) expect(parseFault(fault)).toBe(fault)
  })

  it.each([
    [null, /must be an object/],
    [{ kind: 'status', status: 500 }, /fault.match must be a string/],
    [{ match: '/x', kind: 'explode' }, /fault.kind must be one of/],
    [{ match: '/x', kind: 'status', status: 200 }, /HTTP error status/],
    [{ match: '/x', kind: 'status', status: 500, times: 0 }, /fault.times must be an integer >= 1/],
    [{ match: '/x', kind: 'delay' }, /needs ms/],
    [{ match: '/x', kind: 'delay', ms: -1 }, /fault.ms must be an integer >= 0/],
    [{ match: '/x', kind: 'drop' }, /needs afterEvents or afterBytes/],
    [
      { match: '/x', kind: 'run_outcome', status: 'completed' },
      /must be one of failed, incomplete, expired, cancelled/,
    ],
  ])('rejects %j with a TypeError', (value, message) => {
    expect(() => parseFault(value)).toThrow(TypeError)
    expect(() => parseFault(value)).toThrow(message)
  })
})

describe('createFaultQueue', () => {
  it('matches method and path with * inside one segment', () => {
    const queue = createFaultQueue()
    queue.add({ match: 'POST /threads/*/messages', kind: 'status', status: 500 })
    expect(queue.take('GET', '/threads/t1/messages', undefined)).toEqual([])
    expect(queue.take('POST', '/threads/t1/runs', undefined)).toEqual([])
    expect(queue.take('POST', '/threads/t1/messages/m1', undefined)).toEqual([])
    expect(queue.take('POST', '/threads/t1/messages', undefined)).toHaveLength(1)
    // Used up after one hit (times defaults to 1).
    expect(queue.take('POST', '/threads/t1/messages', undefined)).toEqual([])
    expect(queue.applied).toBe(1)
  })

  it('matches any method without one, ** across segments, and the route template', () => {
    const queue = createFaultQueue()
    queue.add({ match: '/threads/**', kind: 'delay', ms: 1, times: 2 })
    queue.add({ match: 'POST /threads/{thread_id}/runs', kind: 'status', status: 503 })
    expect(queue.take('GET', '/threads/t1/runs/r1/steps', 'GET /threads/{thread_id}/runs/{run_id}/steps')).toHaveLength(
      1,
    )
    const hits = queue.take('POST', '/threads/t2/runs', 'POST /threads/{thread_id}/runs')
    expect(hits.map((fault) => fault.kind)).toEqual(['delay', 'status'])
    expect(queue.list()).toEqual([])
  })

  it('lists pending faults with the uses left, and clears them', () => {
    const queue = createFaultQueue()
    queue.add({ match: '/threads', kind: 'delay', ms: 1, times: 3 })
    queue.take('POST', '/threads', 'POST /threads')
    expect(queue.list()).toEqual([{ match: '/threads', kind: 'delay', ms: 1, times: 2 }])
    queue.clear()
    expect(queue.list()).toEqual([])
  })

  it('refuses a malformed fault', () => {
    const queue = createFaultQueue()
    // @ts-expect-error a status fault needs a status: this is the malformed input under test
    expect(() => queue.add({ match: '/x', kind: 'status' })).toThrow(TypeError)
  })
})

describe('statusFaultError', () => {
  it('answers 429 with a rate-limit body and Retry-After', () => {
    const error = statusFaultError({ kind: 'status', status: 429 })
    expect(error.status).toBe(429)
    expect(error.headers).toEqual({ 'retry-after': '1' })
    expect(error.body).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' })
  })

  it("says the 429's own wait in its message, as Retry-After does", () => {
    expect(statusFaultError({ kind: 'status', status: 429 }).body).toMatchObject({
      message: 'Rate limit reached for requests. Please try again in 1s.',
    })
    const slower = statusFaultError({ kind: 'status', status: 429, retryAfter: 2 })
    expect(slower.body).toMatchObject({ message: 'Rate limit reached for requests. Please try again in 2s.' })
    expect(slower.headers).toEqual({ 'retry-after': '2' })
  })

  it('answers 500 as a server error without Retry-After, and takes overrides', () => {
    expect(statusFaultError({ kind: 'status', status: 500 }).headers).toEqual({})
    const custom = statusFaultError({ kind: 'status', status: 503, message: 'down', retryAfter: 7, code: 'x' })
    expect(custom.body).toEqual({ message: 'down', type: 'server_error', param: null, code: 'x' })
    expect(custom.headers).toEqual({ 'retry-after': '7' })
  })
})
