import { describe, expect, it } from 'vitest'
import { isRefusal } from './errors.ts'
import { checkQuery, matchRoute, type RouteName } from './routes.ts'

const T = 'thread_abc123'
const R = 'run_abc123'

describe('matchRoute', () => {
  const allowed: [string, string, RouteName][] = [
    ['POST', '/threads', 'threads.create'],
    ['POST', '/threads/runs', 'threads.createAndRun'],
    ['GET', `/threads/${T}`, 'threads.retrieve'],
    ['POST', `/threads/${T}`, 'threads.update'],
    ['DELETE', `/threads/${T}`, 'threads.delete'],
    ['GET', `/threads/${T}/messages`, 'messages.list'],
    ['POST', `/threads/${T}/messages`, 'messages.create'],
    ['GET', `/threads/${T}/messages/msg_1`, 'messages.retrieve'],
    ['POST', `/threads/${T}/messages/msg_1`, 'messages.update'],
    ['DELETE', `/threads/${T}/messages/msg_1`, 'messages.delete'],
    ['GET', `/threads/${T}/runs`, 'runs.list'],
    ['POST', `/threads/${T}/runs`, 'runs.create'],
    ['GET', `/threads/${T}/runs/${R}`, 'runs.retrieve'],
    ['POST', `/threads/${T}/runs/${R}/cancel`, 'runs.cancel'],
    ['POST', `/threads/${T}/runs/${R}/submit_tool_outputs`, 'runs.submitToolOutputs'],
    ['GET', `/threads/${T}/runs/${R}/steps`, 'steps.list'],
    ['GET', `/threads/${T}/runs/${R}/steps/step_1`, 'steps.retrieve'],
  ]
  for (const [method, path, name] of allowed) {
    it(`routes ${method} ${path} to ${name}`, () => {
      const match = matchRoute(path, method, false)
      expect(match.kind === 'found' && match.operation.name).toBe(name)
    })
  }

  it('extracts the ids from the path', () => {
    const match = matchRoute(`/threads/${T}/runs/${R}/steps/step_9`, 'GET', false)
    expect(match.kind === 'found' && match.params).toEqual({ thread: T, run: R, step: 'step_9' })
  })

  it('reads /threads/runs as create-and-run, never as thread id "runs"', () => {
    expect(matchRoute('/threads/runs', 'GET', false)).toEqual({ kind: 'method_not_allowed', allow: ['POST'] })
  })

  it.each([
    '/files',
    '/files/file_1',
    '/vector_stores',
    '/vector_stores/vs_1/files',
    '/assistants',
    '/threads/thread_1/runs/run_1/steps/step_1/extra',
    '/batches',
    '/',
    '',
  ])('does not route %s', (path) => {
    expect(matchRoute(path, 'GET', true)).toEqual({ kind: 'not_found' })
    expect(matchRoute(path, 'POST', true)).toEqual({ kind: 'not_found' })
  })

  it('answers 405 with the allowed methods on a routed path', () => {
    expect(matchRoute(`/threads/${T}/runs/${R}`, 'POST', false)).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET'],
    })
    expect(matchRoute(`/threads/${T}`, 'PUT', false)).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET', 'POST', 'DELETE'],
    })
    expect(matchRoute('/threads', 'GET', false)).toEqual({ kind: 'method_not_allowed', allow: ['POST'] })
  })

  it('routes GET /assistants/{id} only when assistants are exposed, and never other methods', () => {
    expect(matchRoute('/assistants/asst_1', 'GET', false)).toEqual({ kind: 'not_found' })
    expect(matchRoute('/assistants/asst_1', 'GET', true).kind).toBe('found')
    expect(matchRoute('/assistants/asst_1', 'POST', true)).toEqual({ kind: 'method_not_allowed', allow: ['GET'] })
    expect(matchRoute('/assistants/asst_1', 'DELETE', true).kind).toBe('method_not_allowed')
  })

  it.each([
    '/threads/..',
    '/threads/.',
    '/threads/%2e%2e/files',
    '/threads/thread_1%2Fmessages',
    '/threads/thread_1%2fmessages',
    '/threads/thread_1%5Cmessages',
    '/threads/thread_1\\messages',
    '/threads//messages',
    '/threads/thread_1/',
    '/threads/thread 1',
    '/threads/thread_1%00',
    '/threads/thread_1%0d%0aX-Injected:1',
    '/threads/thr€ad',
    `/threads/${'a'.repeat(129)}`,
    '/threads/thread_1;x=1',
    '/threads/thread.1',
  ])('refuses the malformed path %s before routing', (path) => {
    expect(matchRoute(path, 'GET', true)).toEqual({ kind: 'not_found' })
  })

  it('accepts an id of exactly 128 characters', () => {
    expect(matchRoute(`/threads/${'a'.repeat(128)}`, 'GET', false).kind).toBe('found')
  })
})

describe('checkQuery', () => {
  const page = ['limit', 'order', 'after', 'before', 'run_id']

  it('rebuilds the allowed parameters from their checked values', () => {
    const query = checkQuery('?limit=20&order=asc&after=msg_1&run_id=run_2', page)
    expect(isRefusal(query)).toBe(false)
    expect(String(query)).toBe('limit=20&order=asc&after=msg_1&run_id=run_2')
  })

  it('accepts the one include[] value the API defines, percent-encoded or not', () => {
    const value = 'step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'
    const query = checkQuery(`?include%5B%5D=${value}`, ['include[]'])
    expect(isRefusal(query)).toBe(false)
    expect((query as URLSearchParams).get('include[]')).toBe(
      'step_details.tool_calls[*].file_search.results[*].content',
    )
  })

  it('accepts an empty query', () => {
    expect(String(checkQuery('', page))).toBe('')
  })

  it.each([
    ['?limit=1&limit=100', 'duplicate_parameter'],
    ['?limit=5&lim%69t=6', 'duplicate_parameter'],
    ['?order=asc&order=asc', 'duplicate_parameter'],
    ['?include=x', 'unknown_parameter'],
    ['?api-version=2024-01-01', 'unknown_parameter'],
    ['?foo=bar', 'unknown_parameter'],
    ['?limit=0', 'invalid_value'],
    ['?limit=101', 'invalid_value'],
    ['?limit=-1', 'invalid_value'],
    ['?limit=1e2', 'invalid_value'],
    ['?limit=', 'invalid_value'],
    ['?limit', 'invalid_value'],
    ['?order=random', 'invalid_value'],
    ['?after=msg_1%0d%0aX-Injected:%201', 'invalid_value'],
    ['?before=../../files', 'invalid_value'],
    ['?run_id=run_1%26limit%3D100', 'invalid_value'],
  ])('refuses %s with %s', (search, code) => {
    const query = checkQuery(search, page)
    expect(isRefusal(query) && query.status).toBe(400)
    expect(isRefusal(query) && query.code).toBe(code)
  })

  it('refuses a parameter the operation does not take', () => {
    const query = checkQuery('?run_id=run_1', ['limit', 'order', 'after', 'before'])
    expect(isRefusal(query) && query.param).toBe('run_id')
  })

  it('refuses a second include[] and a value it does not know', () => {
    const value = 'step_details.tool_calls[*].file_search.results[*].content'
    expect(isRefusal(checkQuery(`?include[]=${value}&include[]=${value}`, ['include[]']))).toBe(true)
    expect(isRefusal(checkQuery('?include[]=file_search.results', ['include[]']))).toBe(true)
  })

  it('never echoes an unprintable parameter name', () => {
    const query = checkQuery('?%3Cscript%3E=1', [])
    expect(isRefusal(query) && query.message).not.toContain('<script>')
    expect(isRefusal(query) && query.param).toBe('(unprintable)')
  })
})
