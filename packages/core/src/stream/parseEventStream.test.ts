import { streamOf, wireRun } from '@skein/test-support'
import { describe, expect, it, vi } from 'vitest'
import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent, Validation } from '../schemas/event.ts'
import { strict } from '../strict.ts'
import { parseEventStream } from './parseEventStream.ts'

const encoder = new TextEncoder()

const run = (status: string, extra: object = {}): string =>
  JSON.stringify({ ...wireRun('in_progress'), status, ...extra })
const textDelta = (index: unknown, value = 'Hi'): string =>
  JSON.stringify({
    id: 'msg_1',
    object: 'thread.message.delta',
    delta: { content: [{ index, type: 'text', text: { value } }] },
  })

const frame = (event: string, data: string): string => `event: ${event}\ndata: ${data}\n\n`
const COMPLETED = frame('thread.run.completed', run('completed'))
const DONE = 'event: done\ndata: [DONE]\n\n'

interface Outcome {
  events: AssistantStreamEvent[]
  error: unknown
}

async function read(body: string | ReadableStream<Uint8Array>, validation?: Validation): Promise<Outcome> {
  const stream = typeof body === 'string' ? streamOf([encoder.encode(body)]) : body
  const events: AssistantStreamEvent[] = []
  try {
    for await (const event of parseEventStream(stream, { validation })) events.push(event)
    return { events, error: undefined }
  } catch (error) {
    return { events, error }
  }
}

function expectCode(outcome: Outcome, code: string, message?: RegExp): AssistantsError {
  expect(AssistantsError.is(outcome.error), `expected an AssistantsError, got ${String(outcome.error)}`).toBe(true)
  const error = outcome.error as AssistantsError
  expect(error.code).toBe(code)
  if (message) expect(error.message).toMatch(message)
  return error
}

/** A body that can be watched: records `cancel`, and can stay open forever (`hang`). */
function controlledBody(chunks: string[], options: { hang?: boolean; fail?: unknown } = {}) {
  const state = { cancelled: false, reason: undefined as unknown }
  let i = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++]
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk))
      else if (options.fail !== undefined) controller.error(options.fail)
      else if (!options.hang) controller.close()
      else return new Promise<void>(() => {})
    },
    cancel(reason) {
      state.cancelled = true
      state.reason = reason
    },
  })
  return { body, state }
}

describe('parseEventStream', () => {
  describe('framing', () => {
    const plain = frame('thread.run.in_progress', run('in_progress')) + COMPLETED + DONE

    it('ends at done without yielding it', async () => {
      const outcome = await read(plain + frame('thread.run.queued', run('queued')))
      expect(outcome.error).toBeUndefined()
      expect(outcome.events.map((event) => event.event)).toEqual(['thread.run.in_progress', 'thread.run.completed'])
    })

    it.each([
      ['CR', '\r'],
      ['CRLF', '\r\n'],
    ])('reads %s line endings like LF', async (_, newline) => {
      const expected = await read(plain)
      expect(await read(plain.replace(/\n/g, newline))).toEqual(expected)
    })

    it('reads mixed line endings', async () => {
      const mixed = `event: thread.run.in_progress\r\ndata: ${run('in_progress')}\n\r\nevent: thread.run.completed\rdata: ${run('completed')}\r\r${DONE}`
      expect((await read(mixed)).events.map((event) => event.event)).toEqual([
        'thread.run.in_progress',
        'thread.run.completed',
      ])
    })

    it('needs the blank line after the last event: a body whose last byte is a lone CR loses that event', async () => {
      // eventsource-parser waits for the byte after a CR (it may be CRLF) and has no end-of-body flush; the lost
      // event can only be the last one, so a terminal run event lost this way still ends in a clear network error.
      const outcome = await read(`event: thread.run.completed\rdata: ${run('completed')}\r\r`)
      expect(outcome.events).toEqual([])
      expectCode(outcome, 'network')
    })

    it('reads a body delivered as one large chunk like a chunked one (UTF-8 across the internal slices)', async () => {
      const deltas = encoder.encode(
        Array.from({ length: 3000 }, (_, i) => frame('thread.message.delta', textDelta(0, `【${i}】`))).join('') +
          COMPLETED,
      )
      // Pad with a comment so that a 3-byte 【 starts at byte 32767 and straddles the first 32 KiB slice.
      const marker = encoder.encode('【')[0]
      let at = 32767 - 8
      while (deltas[at] !== marker) at--
      const bytes = new Uint8Array([...encoder.encode(`: ${'x'.repeat(32767 - at - 3)}\n`), ...deltas])
      expect([bytes[32766], bytes[32767]]).toEqual([deltas[at - 1], marker])
      const whole = await read(streamOf([bytes]))
      const pieces: Uint8Array[] = []
      for (let cut = 0; cut < bytes.length; cut += 777) pieces.push(bytes.subarray(cut, cut + 777))
      expect(whole.error).toBeUndefined()
      expect(whole.events).toHaveLength(3001)
      expect(await read(streamOf(pieces))).toEqual(whole)
      expect(whole.events[2999]?.data).toEqual(JSON.parse(textDelta(0, '【2999】')))
    })

    it('skips comments and keep-alives', async () => {
      const body = `: hello\n\n:keep-alive\n\n${frame('thread.run.in_progress', run('in_progress'))}: ping\n\n${COMPLETED}`
      expect(await read(body)).toEqual(await read(plain))
    })

    it('strips a byte order mark', async () => {
      expect(await read(`\uFEFF${plain}`)).toEqual(await read(plain))
    })

    it('ignores id: and retry: fields', async () => {
      const body = `retry: 3000\n\nid: 1\nevent: thread.run.in_progress\nretry: 10\ndata: ${run('in_progress')}\n\nid: 2\n${COMPLETED}`
      expect(await read(body)).toEqual(await read(plain))
    })

    it('joins multi-line data with \\n before parsing', async () => {
      const lines = JSON.stringify(JSON.parse(run('completed')), null, 2).split('\n')
      const body = `event: thread.run.completed\n${lines.map((line) => `data: ${line}`).join('\n')}\n\n`
      const { events } = await read(body)
      expect(events[0]?.data).toEqual(JSON.parse(run('completed')))
    })

    it('accepts data: without a space after the colon', async () => {
      expect((await read(`event:thread.run.completed\ndata:${run('completed')}\n\n`)).events).toHaveLength(1)
    })

    it('does not dispatch `event: done` without data (the stream still ends cleanly after a terminal event)', async () => {
      const outcome = await read(`${COMPLETED}event: done\n\n`)
      expect(outcome.error).toBeUndefined()
      expect(outcome.events).toHaveLength(1)
    })
  })

  describe('unknown events', () => {
    it('passes an unknown name through with its parsed JSON', async () => {
      const { events } = await read(frame('thread.run.step.paused', '{"a":[1]}') + COMPLETED)
      expect(events[0]).toEqual({ event: 'thread.run.step.paused', data: { a: [1] }, unknown: true })
    })

    it('passes non-JSON data of an unknown event through as text', async () => {
      const { events } = await read(frame('ping', 'not json') + COMPLETED)
      expect(events[0]).toEqual({ event: 'ping', data: 'not json', unknown: true })
    })

    it('treats a message without event: as unknown (`message`)', async () => {
      const { events } = await read(`data: {"x":1}\n\ndata: [DONE]\n\n${COMPLETED}`)
      expect(events.slice(0, 2)).toEqual([
        { event: 'message', data: { x: 1 }, unknown: true },
        { event: 'message', data: '[DONE]', unknown: true },
      ])
    })
  })

  describe('invalid data', () => {
    it.each([
      ['strict', strict],
      ['lenient', 'lenient'],
      ['off', 'off'],
    ] as const)('rejects invalid JSON in %s mode', async (_, validation) => {
      const outcome = await read(frame('thread.run.in_progress', '{"id": "run_1",') + COMPLETED, validation)
      const error = expectCode(outcome, 'invalid_event', /^thread\.run\.in_progress: data is not valid JSON/)
      expect(error.event).toBe('thread.run.in_progress')
      expect(outcome.events).toEqual([])
    })

    it('rejects empty data of a known event', async () => {
      expectCode(await read(`event: thread.run.completed\ndata:\n\n`), 'invalid_event', /not valid JSON/)
    })

    it('yields the events before the bad one', async () => {
      const outcome = await read(frame('thread.run.queued', run('queued')) + frame('thread.run.completed', '}'))
      expect(outcome.events).toHaveLength(1)
      expectCode(outcome, 'invalid_event')
    })

    it('names the event and the path of a wrong type in strict mode', async () => {
      const outcome = await read(frame('thread.message.delta', textDelta('0')) + COMPLETED, strict)
      expectCode(outcome, 'invalid_event', /^thread\.message\.delta: delta\.content\[0\]\.index: Invalid type/)
      expect((outcome.error as AssistantsError).issues?.length).toBeGreaterThan(0)
    })

    it('names the event and the path of a wrong type in lenient mode', async () => {
      const outcome = await read(frame('thread.message.delta', textDelta('0')) + COMPLETED)
      expectCode(outcome, 'invalid_event', /^thread\.message\.delta: delta\.content\[0\]\.index: expected a number/)
    })

    it('passes a wrong type through in off mode', async () => {
      const outcome = await read(frame('thread.message.delta', textDelta('0')) + COMPLETED, 'off')
      expect(outcome.error).toBeUndefined()
      expect(outcome.events[0]?.data).toEqual(JSON.parse(textDelta('0')))
    })

    it('rejects an unknown run status in strict and lenient, not in off', async () => {
      const body = frame('thread.run.in_progress', run('paused')) + COMPLETED
      expectCode(await read(body, strict), 'invalid_event', /^thread\.run\.in_progress: status: Invalid type/)
      expectCode(
        await read(body, 'lenient'),
        'invalid_event',
        /^thread\.run\.in_progress: status: expected a run status/,
      )
      expect((await read(body, 'off')).error).toBeUndefined()
    })

    it('checks in strict mode what lenient mode leaves alone', async () => {
      const body = frame('thread.run.in_progress', run('in_progress', { model: 42 })) + COMPLETED
      expectCode(await read(body, strict), 'invalid_event', /^thread\.run\.in_progress: model: Invalid type/)
      expect((await read(body, 'lenient')).error).toBeUndefined()
    })

    it.each([
      ['null', 'null'],
      ['an array', '[1]'],
      ['a number', '7'],
      ['a string', '"run"'],
    ])('rejects data that is %s', async (_, data) => {
      expectCode(
        await read(frame('thread.run.completed', data)),
        'invalid_event',
        /^thread\.run\.completed: data: expected an object/,
      )
    })

    it('rejects a delta whose text value is not a string (lenient)', async () => {
      const data = JSON.stringify({
        id: 'msg_1',
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value: 5 } }] },
      })
      expectCode(
        await read(frame('thread.message.delta', data)),
        'invalid_event',
        /delta\.content\[0\]\.text\.value: expected a string, received 5/,
      )
    })

    it('rejects a tool call delta whose arguments are not a string (lenient)', async () => {
      const data = JSON.stringify({
        id: 'step_1',
        object: 'thread.run.step.delta',
        delta: {
          step_details: {
            type: 'tool_calls',
            tool_calls: [{ index: 0, type: 'function', function: { arguments: {} } }],
          },
        },
      })
      expectCode(
        await read(frame('thread.run.step.delta', data)),
        'invalid_event',
        /^thread\.run\.step\.delta: delta\.step_details\.tool_calls\[0\]\.function\.arguments: expected a string, received an object/,
      )
    })

    it('rejects a step without step_details and a message whose content is not an array (lenient)', async () => {
      const step = JSON.stringify({ id: 'step_1', object: 'thread.run.step', status: 'completed' })
      expectCode(
        await read(frame('thread.run.step.completed', step)),
        'invalid_event',
        /^thread\.run\.step\.completed: step_details: expected an object, received undefined$/,
      )
      const message = JSON.stringify({ id: 'msg_1', object: 'thread.message', content: 'Hi' })
      expectCode(
        await read(frame('thread.message.completed', message)),
        'invalid_event',
        /^thread\.message\.completed: content: expected an array, received "Hi"$/,
      )
    })

    it('rejects a requires_action run whose tool calls lack a function name (lenient)', async () => {
      const action = {
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: [{ id: 'call_1', type: 'function', function: { arguments: '{}' } }] },
      }
      expectCode(
        await read(frame('thread.run.requires_action', run('requires_action', { required_action: action }))),
        'invalid_event',
        /required_action\.submit_tool_outputs\.tool_calls\[0\]\.function\.name: expected a string/,
      )
    })

    it('drops __proto__ keys in strict mode and keeps them as plain data otherwise', async () => {
      const data = run('completed').replace('"metadata":{}', '"metadata":{"__proto__":{"polluted":"yes"},"k":"v"}')
      const checked = await read(frame('thread.run.completed', data), strict)
      const lenient = await read(frame('thread.run.completed', data))
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      const strictMeta = (checked.events[0]!.data as { metadata: object }).metadata
      expect(Object.hasOwn(strictMeta, '__proto__')).toBe(false)
      expect(strictMeta).toEqual({ k: 'v' })
      const lenientMeta = (lenient.events[0]!.data as { metadata: object }).metadata
      expect(Object.getPrototypeOf(lenientMeta)).toBe(Object.prototype)
      expect(Object.hasOwn(lenientMeta, '__proto__')).toBe(true)
    })
  })

  describe('error events', () => {
    it('throws stream_error for the bare { message, ... } shape', async () => {
      const payload = { message: 'The server had an error', type: 'server_error', param: null, code: null }
      const outcome = await read(frame('thread.run.queued', run('queued')) + frame('error', JSON.stringify(payload)))
      const error = expectCode(outcome, 'stream_error')
      expect(error.message).toBe('Stream error: The server had an error')
      expect(error.details).toEqual(payload)
      expect(error.event).toBe('error')
      expect(outcome.events).toHaveLength(1)
    })

    it('throws stream_error for the wrapped { error: { ... } } shape', async () => {
      const inner = { message: 'Rate limit', type: 'rate_limit', param: null, code: 'rate_limit_exceeded' }
      const error = expectCode(await read(frame('error', JSON.stringify({ error: inner }))), 'stream_error')
      expect(error.message).toBe('Stream error: Rate limit')
      expect(error.details).toEqual(inner)
    })

    it('throws stream_error (not invalid_event) in strict mode and for a payload without message', async () => {
      const error = expectCode(await read(frame('error', '{"code":"x"}'), strict), 'stream_error')
      expect(error.message).toBe('Stream error: the server reported an error')
    })

    it('keeps a non-JSON error payload as text', async () => {
      const error = expectCode(await read(frame('error', 'upstream timeout')), 'stream_error')
      expect(error.message).toBe('Stream error: upstream timeout')
      expect(error.details).toBe('upstream timeout')
    })
  })

  describe('truncated and foreign bodies', () => {
    it('fails when the body ends mid-event', async () => {
      const outcome = await read(
        `${frame('thread.run.queued', run('queued'))}event: thread.run.completed\ndata: {"id":"ru`,
      )
      expect(outcome.events).toHaveLength(1)
      expectCode(outcome, 'network', /^The stream ended before the run finished \(1 events/)
    })

    it('fails when the body ends mid-run (no terminal event, no done)', async () => {
      expectCode(
        await read(frame('thread.run.in_progress', run('in_progress'))),
        'network',
        /^The stream ended before the run finished/,
      )
    })

    it('accepts a body that ends after a terminal event without done', async () => {
      for (const status of ['completed', 'incomplete', 'failed', 'cancelled', 'expired']) {
        const outcome = await read(frame(`thread.run.${status}`, run(status)))
        expect(outcome.error, status).toBeUndefined()
      }
    })

    it('accepts a body that ends after requires_action without done', async () => {
      expect((await read(frame('thread.run.requires_action', run('requires_action')))).error).toBeUndefined()
    })

    it('does not count a cancelling run as finished', async () => {
      expectCode(await read(frame('thread.run.cancelling', run('cancelling'))), 'network')
    })

    it('fails on an empty body', async () => {
      expectCode(await read(''), 'network', /no complete event arrived/)
    })

    it('fails on a body of only whitespace', async () => {
      expectCode(await read('  \n\n \r\n\t\n'), 'network', /no complete event arrived/)
    })

    it('fails on an HTML page and quotes its first line', async () => {
      const html = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>oops</body></html>\n'
      expectCode(await read(html), 'network', /not an event stream \(first unrecognised line: "<!DOCTYPE html>"\)/)
    })

    it('fails on a JSON body', async () => {
      expectCode(await read('{"error":{"message":"no"}}'), 'network', /The stream ended before the run finished/)
    })

    it('accepts done before any run event (nothing to wait for)', async () => {
      expect(await read(DONE)).toEqual({ events: [], error: undefined })
    })
  })

  describe('failing bodies, abort and early exit', () => {
    it('turns a body error into a network error with the cause', async () => {
      const cause = new TypeError('socket hang up')
      const { body } = controlledBody([frame('thread.run.queued', run('queued'))], { fail: cause })
      const outcome = await read(body)
      const error = expectCode(outcome, 'network', /^The stream failed before the run finished: socket hang up/)
      expect(error.cause).toBe(cause)
      expect(outcome.events).toHaveLength(1)
    })

    it('passes an AssistantsError from the body through', async () => {
      const failure = new AssistantsError('timeout', 'Request timed out')
      const { body } = controlledBody([], { fail: failure })
      expect((await read(body)).error).toBe(failure)
    })

    it('turns a TimeoutError from the body into a timeout error', async () => {
      const { body } = controlledBody([], { fail: new DOMException('timed out', 'TimeoutError') })
      expectCode(await read(body), 'timeout')
    })

    it('ends with the signal reason, untouched, when aborted mid-stream, and cancels the body', async () => {
      const { body, state } = controlledBody([frame('thread.run.queued', run('queued'))], { hang: true })
      const controller = new AbortController()
      const reason = new Error('user left')
      const events: AssistantStreamEvent[] = []
      const loop = (async () => {
        for await (const event of parseEventStream(body, { signal: controller.signal })) {
          events.push(event)
          controller.abort(reason)
        }
      })()
      await expect(loop).rejects.toBe(reason)
      expect(events).toHaveLength(1)
      expect(state.cancelled).toBe(true)
    })

    it('ends a hanging body promptly when aborted while waiting', async () => {
      const { body, state } = controlledBody([], { hang: true })
      const controller = new AbortController()
      const iterator = parseEventStream(body, { signal: controller.signal })[Symbol.asyncIterator]()
      const next = iterator.next()
      controller.abort()
      await expect(next).rejects.toMatchObject({ name: 'AbortError' })
      expect(state.cancelled).toBe(true)
    })

    it('throws the reason at once and cancels the body when the signal is already aborted', async () => {
      const { body, state } = controlledBody([COMPLETED])
      const reason = new Error('too late')
      const outcome = await read2(body, AbortSignal.abort(reason))
      expect(outcome.error).toBe(reason)
      expect(state.cancelled).toBe(true)
    })

    it('cancels the body on break', async () => {
      const { body, state } = controlledBody([frame('thread.run.queued', run('queued'))], { hang: true })
      for await (const event of parseEventStream(body)) {
        expect(event.event).toBe('thread.run.queued')
        break
      }
      await vi.waitFor(() => expect(state.cancelled).toBe(true))
    })

    it('cancels the body when the loop throws', async () => {
      const { body, state } = controlledBody([frame('thread.run.queued', run('queued'))], { hang: true })
      const boom = new Error('boom')
      const loop = (async () => {
        for await (const _ of parseEventStream(body)) throw boom
      })()
      await expect(loop).rejects.toBe(boom)
      await vi.waitFor(() => expect(state.cancelled).toBe(true))
    })

    it('cancels the rest of the body after done', async () => {
      const { body, state } = controlledBody([COMPLETED + DONE], { hang: true })
      expect((await read(body)).events).toHaveLength(1)
      await vi.waitFor(() => expect(state.cancelled).toBe(true))
    })
  })

  describe('misuse', () => {
    it('throws a TypeError with a hint for a non-stream body', () => {
      expect(() => parseEventStream(new Response('') as unknown as ReadableStream<Uint8Array>)).toThrow(
        /Did you mean to pass `response.body`\?/,
      )
    })

    it('throws a TypeError for an unknown validation mode', () => {
      expect(() => parseEventStream(streamOf([]), { validation: 'loose' as Validation })).toThrow(TypeError)
      expect(() => parseEventStream(streamOf([]), { validation: null as unknown as Validation })).toThrow(/got object/)
    })

    it('refuses the string "strict" with a TypeError that names the import', () => {
      const validation = 'strict' as unknown as Validation
      expect(() => parseEventStream(streamOf([]), { validation })).toThrow(TypeError)
      expect(() => parseEventStream(streamOf([]), { validation })).toThrow(
        "parseEventStream: validation must be 'lenient', 'off' or strict, got \"strict\". For strict validation, import { strict } from '@skein/core/strict' and pass validation: strict.",
      )
    })
  })
})

async function read2(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<Outcome> {
  const events: AssistantStreamEvent[] = []
  try {
    for await (const event of parseEventStream(body, { signal })) events.push(event)
    return { events, error: undefined }
  } catch (error) {
    return { events, error }
  }
}
