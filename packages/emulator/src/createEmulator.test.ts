import { describe, expect, it } from 'vitest'
import { createEmulator } from './createEmulator.ts'
import type { EmulatorStats } from './stats.ts'
import { harness } from './testing/harness.ts'
import type { Assistant, Thread } from './wire.ts'

describe('createEmulator', () => {
  it('serves routes at the root, under /v1 and under /openai', async () => {
    const { call } = harness()
    for (const prefix of ['', '/v1', '/openai']) {
      const { status, body } = await call<Thread>('POST', `${prefix}/threads`, {})
      expect(status).toBe(200)
      expect(body.id).toMatch(/^thread_[A-Za-z0-9]{24}$/)
    }
  })

  it('sends x-request-id and openai-version on every response, errors included', async () => {
    const { raw } = harness()
    const ok = await raw('POST', '/v1/threads', {})
    const missing = await raw('GET', '/v1/threads/thread_nope')
    for (const response of [ok, missing]) {
      expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
      expect(response.headers.get('openai-version')).toBe('2020-10-01')
    }
    expect(ok.headers.get('x-request-id')).not.toBe(missing.headers.get('x-request-id'))
  })

  it('accepts but does not require Authorization, OpenAI-Beta and api-version', async () => {
    const { call } = harness()
    const headers = { authorization: 'Bearer sk-test', 'openai-beta': 'assistants=v2' }
    expect((await call('POST', '/v1/threads?api-version=2025-05-01', {}, headers)).status).toBe(200)
    expect((await call('POST', '/v1/threads', {})).status).toBe(200)
  })

  it('checks the bearer token (or api-key) when requireAuth is set, but not on /__emulator routes', async () => {
    const { call } = harness({ requireAuth: 'sk-secret-key' })
    const none = await call('POST', '/v1/threads', {})
    expect(none.status).toBe(401)
    expect(none.body).toMatchObject({ error: { message: expect.stringMatching(/^You didn't provide an API key/) } })
    const wrong = await call('POST', '/v1/threads', {}, { authorization: 'Bearer sk-wrong-key-123' })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({
      error: { message: 'Incorrect API key provided: sk-w***-123.', code: 'invalid_api_key' },
    })
    expect((await call('POST', '/v1/threads', {}, { authorization: 'Bearer sk-secret-key' })).status).toBe(200)
    expect((await call('POST', '/v1/threads', {}, { 'api-key': 'sk-secret-key' })).status).toBe(200)
    expect((await call('GET', '/__emulator/stats')).status).toBe(200)
  })

  it('answers an unknown route with the API 404', async () => {
    const { call } = harness()
    const { status, body } = await call('POST', '/v1/thread', {})
    expect(status).toBe(404)
    expect(body).toEqual({
      error: { message: 'Invalid URL (POST /v1/thread)', type: 'invalid_request_error', param: null, code: null },
    })
    expect((await call('PUT', '/v1/threads', {})).status).toBe(404)
  })

  it('answers CORS preflights and allows any origin', async () => {
    const { raw } = harness()
    const preflight = await raw('OPTIONS', '/v1/threads', undefined, {
      'access-control-request-headers': 'authorization',
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization')
    expect((await raw('POST', '/v1/threads', {})).headers.get('access-control-allow-origin')).toBe('*')
    const noCors = harness({ cors: false })
    expect((await noCors.raw('POST', '/v1/threads', {})).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('seeds assistants at start and after reset', async () => {
    const { call, emulator } = harness({ assistants: [{ id: 'asst_fixed', name: 'Fixed' }] })
    const first = await call<Assistant>('GET', '/v1/assistants/asst_fixed')
    expect(first.body).toMatchObject({ id: 'asst_fixed', name: 'Fixed', model: 'gpt-4o' })
    emulator.reset()
    expect((await call('GET', '/v1/assistants/asst_fixed')).status).toBe(200)
  })

  it('refuses an invalid assistants seed with a TypeError', () => {
    expect(() => createEmulator({ assistants: [{ id: 'asst_x', temperature: 9 }] })).toThrow(TypeError)
  })

  it('gives the same ids for the same seed, and never reuses an id after reset', async () => {
    const a = harness({ seed: 7 })
    const b = harness({ seed: 7 })
    const idA = await a.thread()
    expect(await b.thread()).toBe(idA)
    a.emulator.reset()
    expect(await a.thread()).not.toBe(idA)
  })
})

describe('emulator.reset', () => {
  it('clears threads, assistants, stats and faults (HTTP route too)', async () => {
    const { call, emulator, thread, assistant } = harness()
    const threadId = await thread('hi')
    const assistantId = await assistant()
    emulator.addFault({ match: '/threads', kind: 'status', status: 500 })
    expect((await call('POST', '/__emulator/reset')).body).toEqual({ ok: true })
    expect((await call('GET', `/v1/threads/${threadId}`)).status).toBe(404)
    expect((await call('GET', `/v1/assistants/${assistantId}`)).status).toBe(404)
    expect(emulator.listFaults()).toEqual([])
    const stats = emulator.stats()
    expect(stats).toMatchObject({ runsCreated: 0, messagesCreated: 0, faultsApplied: 0 })
    expect(Object.keys(stats.requests)).toEqual(['GET /threads/{thread_id}', 'GET /assistants/{assistant_id}'])
  })

  it('restores config overrides', async () => {
    const { emulator } = harness({ tokenDelayMs: 3 })
    emulator.configure({ tokenDelayMs: 50 })
    emulator.reset()
    expect(emulator.configure({})).toEqual({ tokenDelayMs: 3, pollAfterMs: 25 })
  })
})

describe('emulator.stats', () => {
  it('counts requests per route template, runs and messages, and keeps the last headers per route', async () => {
    const { call, thread, assistant } = harness()
    const assistantId = await assistant()
    const threadId = await thread('one')
    await call('POST', `/v1/threads/${threadId}/messages`, { role: 'user', content: 'two' }, { 'x-trace': 'a' })
    await call('POST', `/v1/threads/${threadId}/messages`, { role: 'user', content: 'three' }, { 'x-trace': 'b' })
    await call('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    await call('GET', '/v1/nowhere')
    const { body } = await call<EmulatorStats>('GET', '/__emulator/stats')
    expect(body.requests).toEqual({
      'POST /assistants': 1,
      'POST /threads': 1,
      'POST /threads/{thread_id}/messages': 2,
      'POST /threads/{thread_id}/runs': 1,
      'GET /nowhere': 1,
    })
    expect(body.runsCreated).toBe(1)
    // one + two + three, and the run's reply once it exists
    expect(body.messagesCreated).toBeGreaterThanOrEqual(3)
    expect(body.lastRequestHeaders['POST /threads/{thread_id}/messages']?.['x-trace']).toBe('b')
  })
})

describe('POST /__emulator/config', () => {
  it('changes the token delay and poll interval and reports them', async () => {
    const { call } = harness()
    expect((await call('POST', '/__emulator/config', { tokenDelayMs: 15, pollAfterMs: 40 })).body).toEqual({
      tokenDelayMs: 15,
      pollAfterMs: 40,
    })
    expect((await call('GET', '/__emulator/config')).body).toEqual({ tokenDelayMs: 15, pollAfterMs: 40 })
    const bad = await call('POST', '/__emulator/config', { tokenDelayMs: -1 })
    expect(bad.status).toBe(400)
  })
})
