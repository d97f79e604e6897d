import { thrownAssistantsError, wireRun } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { strict } from './strict.ts'

describe('strict', () => {
  it('returns the checked data of a valid event, without __proto__ keys', () => {
    const data = JSON.parse(
      JSON.stringify(wireRun('completed')).replace('"metadata":{}', '"metadata":{"__proto__":{"x":"y"}}'),
    )
    const checked = strict.event('thread.run.completed', data) as { id: string; metadata: object }
    expect(checked.id).toBe(data.id)
    expect(Object.hasOwn(checked.metadata, '__proto__')).toBe(false)
  })

  it('throws invalid_event naming the event and the path of the first issue', () => {
    const data = { ...wireRun('in_progress'), model: 42 }
    const error = thrownAssistantsError(() => strict.event('thread.run.in_progress', data))
    expect([error.code, error.event, error.details]).toEqual(['invalid_event', 'thread.run.in_progress', data])
    expect(error.message).toMatch(/^thread\.run\.in_progress: model: Invalid type/)
    expect(error.issues?.length).toBeGreaterThan(0)
  })

  it('leaves events without a schema (done, error) as they are', () => {
    expect(strict.event('done', '[DONE]')).toBe('[DONE]')
    expect(strict.event('error', { anything: 1 })).toEqual({ anything: 1 })
  })

  it('checks a REST answer against the named schema', () => {
    const target = { method: 'GET', path: '/threads/t/runs/r/steps/s' }
    expect(strict.response('deleted', { id: 'x', object: 'thread.deleted', deleted: true }, target)).toEqual({
      id: 'x',
      object: 'thread.deleted',
      deleted: true,
    })
    const error = thrownAssistantsError(() => strict.response('step', { id: 's', object: 'thread.run.step' }, target))
    expect(error.code).toBe('invalid_event')
    expect(error.message).toMatch(
      /^\[GET\] \/threads\/t\/runs\/r\/steps\/s: the response does not match its schema at /,
    )
    expect([error.method, error.path]).toEqual(['GET', '/threads/t/runs/r/steps/s'])
  })
})
