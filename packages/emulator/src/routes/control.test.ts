import { describe, expect, it } from 'vitest'
import type { Fault } from '../faults.ts'
import { collapsedNames, type Harness, harness, parseSse, type TestEvent } from '../testing/harness.ts'
import { manualClock } from '../testing/manualClock.ts'
import type { Message, Run } from '../wire.ts'

const data = <T>(event: TestEvent | undefined): T => JSON.parse(event?.data ?? 'null') as T

async function runRequest(h: Harness, text = 'hello') {
  const threadId = await h.thread(text)
  const assistantId = await h.assistant()
  return { threadId, path: `/v1/threads/${threadId}/runs`, body: { assistant_id: assistantId, stream: true } }
}

/** Reads a body to its end, returning the text so far and the error it ended with, if any. */
async function drain(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { text, error: undefined }
      text += decoder.decode(value, { stream: true })
    }
  } catch (error) {
    return { text, error }
  }
}

describe('controlRoutes: /__emulator/faults', () => {
  it('queues one fault, an array, or { faults }, lists and clears them', async () => {
    const { call } = harness()
    const one: Fault = { match: 'POST /threads', kind: 'status', status: 500 }
    expect((await call('POST', '/__emulator/faults', one)).body).toEqual({ faults: [{ ...one, times: 1 }] })
    await call('POST', '/__emulator/faults', [{ match: '/a', kind: 'delay', ms: 1 }])
    await call('POST', '/__emulator/faults', { faults: [{ match: '/b', kind: 'delay', ms: 1, times: 2 }] })
    expect((await call<{ faults: Fault[] }>('GET', '/__emulator/faults')).body.faults).toHaveLength(3)
    expect((await call('DELETE', '/__emulator/faults')).body).toEqual({ faults: [] })
    expect((await call<{ faults: Fault[] }>('GET', '/__emulator/faults')).body.faults).toEqual([])
  })

  it('refuses a malformed fault with a 400 and queues none of the batch', async () => {
    const { call } = harness()
    const result = await call('POST', '/__emulator/faults', [
      { match: '/a', kind: 'delay', ms: 1 },
      { match: '/b', kind: 'drop' },
    ])
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { message: expect.stringContaining('afterEvents or afterBytes') } })
    expect((await call<{ faults: Fault[] }>('GET', '/__emulator/faults')).body.faults).toEqual([])
    expect((await call('POST', '/__emulator/faults', 'nope')).status).toBe(400)
  })
})

describe('faults on API requests', () => {
  it('answers 429 with Retry-After once, counts the request, then behaves again', async () => {
    const h = harness()
    h.emulator.addFault({ match: 'POST /threads', kind: 'status', status: 429 })
    const limited = await h.raw('POST', '/v1/threads', {})
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(limited.headers.get('x-request-id')).toMatch(/^req_/)
    expect(await limited.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded' } })
    expect((await h.raw('POST', '/v1/threads', {})).status).toBe(200)
    expect(h.emulator.stats()).toMatchObject({ requests: { 'POST /threads': 2 }, faultsApplied: 1 })
  })

  it('answers 500 and 503 for the given number of times, without doing the work', async () => {
    const h = harness()
    const threadId = await h.thread()
    h.emulator.addFault({ match: 'POST /threads/*/messages', kind: 'status', status: 500, times: 2 })
    h.emulator.addFault({ match: 'GET /threads/*', kind: 'status', status: 503 })
    const post = () => h.call('POST', `/v1/threads/${threadId}/messages`, { role: 'user', content: 'x' })
    expect((await post()).status).toBe(500)
    expect((await post()).status).toBe(500)
    expect(h.emulator.stats().messagesCreated).toBe(0)
    expect((await post()).status).toBe(200)
    expect((await h.call('GET', `/v1/threads/${threadId}`)).status).toBe(503)
  })

  it('delays a request until the clock says so', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock })
    h.emulator.addFault({ match: '/threads', kind: 'delay', ms: 500 })
    let answered = false
    const pending = h.raw('POST', '/v1/threads', {}).then((response) => {
      answered = true
      return response
    })
    await expect.poll(() => control.pending()).toBe(1)
    expect(answered).toBe(false)
    control.tick()
    expect((await pending).status).toBe(200)
  })

  it('drops a stream after N events; the run goes on', async () => {
    const h = harness()
    const { path, body, threadId } = await runRequest(h)
    h.emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterEvents: 3 })
    const { text, error } = await drain(await h.raw('POST', path, body))
    expect(parseSse(text).map((event) => event.event)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
    ])
    expect(error).toBeInstanceOf(Error)
    const runId = data<Run>(parseSse(text)[0]).id
    await expect
      .poll(async () => (await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${runId}`)).body.status)
      .toBe('completed')
  })

  it('drops a stream after N bytes, mid-event', async () => {
    const h = harness()
    const { path, body } = await runRequest(h)
    h.emulator.addFault({ match: 'POST /threads/*/runs', kind: 'drop', afterBytes: 100 })
    const { text, error } = await drain(await h.raw('POST', path, body))
    expect(new TextEncoder().encode(text)).toHaveLength(100)
    expect(error).toBeInstanceOf(Error)
  })

  it('drops a JSON response after N bytes', async () => {
    const h = harness()
    h.emulator.addFault({ match: 'POST /threads', kind: 'drop', afterBytes: 10 })
    const response = await h.raw('POST', '/v1/threads', {})
    expect(response.status).toBe(200)
    const { text, error } = await drain(response)
    expect(text).toBe('{"id":"thr')
    expect(error).toBeInstanceOf(Error)
  })

  it('sends an error event after N events and ends the stream without done', async () => {
    const h = harness()
    const { path, body } = await runRequest(h)
    h.emulator.addFault({ match: 'POST /threads/*/runs', kind: 'error_event', afterEvents: 2, message: 'Overloaded' })
    const { text, error } = await drain(await h.raw('POST', path, body))
    expect(error).toBeUndefined()
    const events = parseSse(text)
    expect(events.map((event) => event.event)).toEqual(['thread.run.created', 'thread.run.queued', 'error'])
    expect(data(events[2])).toEqual({ code: 'server_error', message: 'Overloaded', param: null, type: 'server_error' })
  })

  it.each([
    [
      'failed',
      undefined,
      ['thread.run.created', 'thread.run.queued', 'thread.run.in_progress', 'thread.run.failed', 'done'],
    ],
    [
      'expired',
      3,
      ['thread.message.delta', 'thread.message.incomplete', 'thread.run.step.expired', 'thread.run.expired', 'done'],
    ],
    [
      'incomplete',
      3,
      [
        'thread.message.delta',
        'thread.message.incomplete',
        'thread.run.step.completed',
        'thread.run.incomplete',
        'done',
      ],
    ],
    [
      'cancelled',
      3,
      [
        'thread.message.delta',
        'thread.message.incomplete',
        'thread.run.step.cancelled',
        'thread.run.cancelled',
        'done',
      ],
    ],
    [
      'failed',
      2,
      ['thread.message.delta', 'thread.message.incomplete', 'thread.run.step.failed', 'thread.run.failed', 'done'],
    ],
  ] as const)('ends the run %s (afterDeltas %s)', async (status, afterDeltas, tail) => {
    const h = harness()
    const { path, body, threadId } = await runRequest(h)
    h.emulator.addFault({
      match: 'POST /threads/*/runs',
      kind: 'run_outcome',
      status,
      ...(afterDeltas === undefined ? {} : { afterDeltas }),
    })
    const events = parseSse((await drain(await h.raw('POST', path, body))).text)
    expect(collapsedNames(events).slice(-tail.length)).toEqual([...tail])
    if (afterDeltas !== undefined)
      expect(events.filter((e) => e.event === 'thread.message.delta')).toHaveLength(afterDeltas)
    const run = data<Run>(events.at(-2))
    expect(run.status).toBe(status)
    expect((await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${run.id}`)).body.status).toBe(status)
    if (status === 'failed')
      expect(run.last_error).toEqual({ code: 'server_error', message: 'Sorry, something went wrong.' })
    if (status === 'incomplete') expect(run.incomplete_details).toEqual({ reason: 'max_completion_tokens' })
    const incomplete = events.find((event) => event.event === 'thread.message.incomplete')
    if (incomplete) {
      const reasons = {
        failed: 'run_failed',
        expired: 'run_expired',
        incomplete: 'max_tokens',
        cancelled: 'run_cancelled',
      }
      expect(data<Message>(incomplete).incomplete_details).toEqual({ reason: reasons[status] })
    }
    // The thread is free again.
    expect((await h.call('POST', `/v1/threads/${threadId}/messages`, { role: 'user', content: 'next' })).status).toBe(
      200,
    )
  })

  it('slows one run down with delay_tokens', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock })
    const { path, body } = await runRequest(h)
    h.emulator.addFault({ match: 'POST /threads/*/runs', kind: 'delay_tokens', ms: 30 })
    const response = await h.raw('POST', path, { ...body, stream: false })
    const run = (await response.json()) as Run
    await expect.poll(() => control.pending()).toBe(1)
    expect((await h.call<Run>('GET', `/v1/threads/${run.thread_id}/runs/${run.id}`)).body.status).toBe('in_progress')
    // Release the token sleeps one by one until the run is done.
    await expect
      .poll(async () => {
        control.tick()
        return (await h.call<Run>('GET', `/v1/threads/${run.thread_id}/runs/${run.id}`)).body.status
      })
      .toBe('completed')
  })

  it('leaves /__emulator routes alone', async () => {
    const h = harness()
    h.emulator.addFault({ match: '/**', kind: 'status', status: 500 })
    expect((await h.call('GET', '/__emulator/stats')).status).toBe(200)
    expect(h.emulator.listFaults()).toHaveLength(1)
  })
})
