import { describe, expect, it } from 'vitest'
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts'

describe('upstreamRequestHeaders', () => {
  it('copies only accept and x-client-request-id from the browser', () => {
    const incoming = new Headers({
      accept: 'application/json, text/event-stream',
      'x-client-request-id': 'req-123',
      authorization: 'Bearer sk-browser',
      cookie: 'session=abc',
      'openai-organization': 'org_evil',
      'openai-project': 'proj_evil',
      'openai-beta': 'assistants=v1',
      'api-key': 'stolen',
      'x-forwarded-for': '10.0.0.1',
      'user-agent': 'Mozilla/5.0',
      host: 'evil.example',
    })
    const headers = upstreamRequestHeaders(incoming, {})
    expect([...headers.keys()].sort()).toEqual(['accept', 'x-client-request-id'])
  })

  it('lets the fixed headers (auth, beta, content type) win over anything the browser sent', () => {
    const incoming = new Headers({ accept: 'text/html' })
    const headers = upstreamRequestHeaders(incoming, { authorization: 'Bearer sk-server', accept: 'application/json' })
    expect(headers.get('authorization')).toBe('Bearer sk-server')
    expect(headers.get('accept')).toBe('application/json')
  })

  it.each([
    ['accept', 'application/json\u0007'],
    ['accept', `application/json${',text/plain'.repeat(40)}`],
    ['accept', 'text/html"<script>'],
    ['x-client-request-id', 'id with spaces'],
    ['x-client-request-id', 'x'.repeat(513)],
    ['x-client-request-id', 'id\tinjected'],
  ])('drops %s with the unexpected value %j', (name, value) => {
    const incoming = new Headers()
    incoming.set(name, value)
    expect(upstreamRequestHeaders(incoming, {}).has(name)).toBe(false)
  })
})

describe('downstreamResponseHeaders', () => {
  it('keeps the allowlist, drops the rest and adds no-store', () => {
    const upstream = new Headers({
      'content-type': 'application/json',
      'x-request-id': 'req_1',
      'retry-after': '3',
      'openai-poll-after-ms': '250',
      'set-cookie': '__cf_bm=abc; HttpOnly',
      'openai-organization': 'org_secret',
      'openai-project': 'proj_secret',
      'openai-processing-ms': '12',
      'x-ratelimit-remaining-requests': '99',
      'content-encoding': 'br',
      'content-length': '10',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=3600',
    })
    const headers = downstreamResponseHeaders(upstream)
    expect(Object.fromEntries(headers)).toEqual({
      'cache-control': 'no-store',
      'content-type': 'application/json',
      'openai-poll-after-ms': '250',
      'retry-after': '3',
      'x-content-type-options': 'nosniff',
      'x-request-id': 'req_1',
    })
  })

  it('marks event streams as not to be buffered by a reverse proxy', () => {
    const headers = downstreamResponseHeaders(new Headers({ 'content-type': 'text/event-stream; charset=utf-8' }))
    expect(headers.get('x-accel-buffering')).toBe('no')
    expect(headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
  })
})
