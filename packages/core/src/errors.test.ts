import { describe, expect, it } from 'vitest'
import { AssistantsError, isAbortError, shown } from './errors.ts'

describe('AssistantsError', () => {
  it('carries code, status, request id and wire body', () => {
    const body = { message: 'Rate limit exceeded', type: 'requests', param: null, code: null }
    const error = new AssistantsError('http', '[POST] /threads/thread_x/runs: 429 Rate limit exceeded', {
      status: 429,
      requestId: 'req_1',
      body,
      method: 'POST',
      path: '/threads/thread_x/runs',
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('AssistantsError')
    expect(error.code).toBe('http')
    expect(error.status).toBe(429)
    expect(error.requestId).toBe('req_1')
    expect(error.details).toBe(body)
    expect(error.message).toBe('[POST] /threads/thread_x/runs: 429 Rate limit exceeded')
  })

  it('is recognised across copies by a symbol marker, not by instanceof', () => {
    const error = new AssistantsError('network', 'offline')
    const foreign = Object.assign(new Error('x'), { [Symbol.for('skein.AssistantsError')]: true })
    expect(AssistantsError.is(error)).toBe(true)
    expect(AssistantsError.is(foreign)).toBe(true)
    expect(AssistantsError.is(new Error('x'))).toBe(false)
    expect(AssistantsError.is(null)).toBe(false)
    expect(AssistantsError.is('AssistantsError')).toBe(false)
  })

  it('copies only the details it names, and keeps the body as details', () => {
    const error = new AssistantsError('invalid_event', 'bad', { event: 'thread.run.created', body: { id: 1 } })
    expect([error.event, error.details, error.status, error.cause]).toEqual([
      'thread.run.created',
      { id: 1 },
      undefined,
      undefined,
    ])
    expect(Object.keys(error)).not.toContain('body')
  })

  it('keeps the cause', () => {
    const cause = new TypeError('fetch failed')
    expect(new AssistantsError('network', 'offline', { cause }).cause).toBe(cause)
  })
})

describe('isAbortError', () => {
  it('recognises DOM aborts and aborted AssistantsErrors only', () => {
    expect(isAbortError(new DOMException('stop', 'AbortError'))).toBe(true)
    expect(isAbortError(new AssistantsError('aborted', 'stopped'))).toBe(true)
    expect(isAbortError(new AssistantsError('timeout', 'slow'))).toBe(false)
    expect(isAbortError(new Error('boom'))).toBe(false)
  })
})

describe('shown', () => {
  it('quotes strings, shows plain values as they are and objects only by their type', () => {
    expect(['Azure', '', 0, -1.5, true, null, undefined].map(shown)).toEqual([
      '"Azure"',
      '""',
      '0',
      '-1.5',
      'true',
      'null',
      'undefined',
    ])
    expect([[1], { apiKey: 'sk-secret' }, () => 'sk-secret'].map(shown)).toEqual(['an array', 'object', 'function'])
  })
})
