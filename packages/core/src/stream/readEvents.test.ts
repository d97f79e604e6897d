// The hand-written iterator behind parseEventStream: the protocol details an async generator gave for free.
import { streamOf } from '@skein/test-support'
import { describe, expect, it, vi } from 'vitest'
import { AssistantsError } from '../errors.ts'
import { parseEventStream } from './parseEventStream.ts'

const encoder = new TextEncoder()
const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
const run = (status: string) => ({ id: 'run_1', object: 'thread.run', status, required_action: null })
const BODY = [
  frame('thread.run.created', run('queued')),
  frame('thread.run.in_progress', run('in_progress')),
  frame('thread.run.completed', run('completed')),
  'event: done\ndata: [DONE]\n\n',
].join('')

function watchedBody(chunks: string[], hang = false) {
  const state = { cancelled: false, pulls: 0 }
  let i = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++
      const chunk = chunks[i++]
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk))
      else if (hang) return new Promise<void>(() => {})
      else controller.close()
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { body, state }
}

describe('parseEventStream', () => {
  it('serves overlapping next() calls in order, one event each', async () => {
    const iterator = parseEventStream(streamOf([encoder.encode(BODY)]))[Symbol.asyncIterator]()
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next()])
    expect(results.map((result) => (result.done ? 'done' : result.value.event))).toEqual([
      'thread.run.created',
      'thread.run.in_progress',
      'thread.run.completed',
      'done',
    ])
  })

  it('hands out every event of one chunk before reading the next', async () => {
    const { body, state } = watchedBody([
      BODY.slice(0, BODY.indexOf('event: thread.run.completed')),
      BODY.slice(BODY.indexOf('event: thread.run.completed')),
    ])
    const iterator = parseEventStream(body)[Symbol.asyncIterator]()
    await iterator.next()
    const pullsAfterFirst = state.pulls
    await iterator.next()
    expect(state.pulls).toBe(pullsAfterFirst)
  })

  it('does not read the body before the first next()', async () => {
    const { body, state } = watchedBody([BODY])
    parseEventStream(body)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(body.locked).toBe(false)
    expect(state.cancelled).toBe(false)
  })

  it('ends at return() while a read is pending, cancels the body and stays done', async () => {
    const { body, state } = watchedBody([frame('thread.run.created', run('queued'))], true)
    const iterator = parseEventStream(body)[Symbol.asyncIterator]()
    await iterator.next()
    const pending = iterator.next()
    await expect(iterator.return?.()).resolves.toEqual({ value: undefined, done: true })
    await expect(pending).resolves.toEqual({ value: undefined, done: true })
    expect(state.cancelled).toBe(true)
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true })
  })

  it('is done after an error, and the error is thrown once', async () => {
    const bad = `${frame('thread.run.created', run('queued'))}event: thread.run.in_progress\ndata: {oops\n\n`
    const iterator = parseEventStream(streamOf([encoder.encode(bad)]))[Symbol.asyncIterator]()
    await iterator.next()
    const error = await iterator.next().catch((caught: unknown) => caught)
    expect(AssistantsError.is(error) && error.code).toBe('invalid_event')
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true })
  })

  it('cancels the body at return() before the first next(), without reading it', async () => {
    const { body, state } = watchedBody([BODY])
    const iterator = parseEventStream(body)[Symbol.asyncIterator]()
    await expect(iterator.return?.()).resolves.toEqual({ value: undefined, done: true })
    await vi.waitFor(() => expect(state.cancelled).toBe(true))
    expect(body.locked).toBe(false)
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true })
  })

  it('cancels the body when the signal aborts before the first next()', async () => {
    const { body, state } = watchedBody([BODY])
    const controller = new AbortController()
    const iterator = parseEventStream(body, { signal: controller.signal })[Symbol.asyncIterator]()
    const reason = new Error('gone')
    controller.abort(reason)
    await vi.waitFor(() => expect(state.cancelled).toBe(true))
    await expect(iterator.next()).rejects.toBe(reason)
  })

  it('is its own iterable, like the generator it replaces', () => {
    const iterator = parseEventStream(streamOf([encoder.encode(BODY)]))[Symbol.asyncIterator]()
    expect((iterator as unknown as AsyncIterable<unknown>)[Symbol.asyncIterator]()).toBe(iterator)
  })

  it('yields the interned event name, equal to the wire name', async () => {
    const names: string[] = []
    for await (const event of parseEventStream(streamOf([encoder.encode(BODY)]))) names.push(event.event)
    expect(names).toEqual(['thread.run.created', 'thread.run.in_progress', 'thread.run.completed'])
  })

  it('reads the SSE framing across reads: a BOM split between reads, a CR at the end of a read and its LF', async () => {
    const bytes = encoder.encode(`\uFEFF${BODY.replace(/\n/g, '\r\n')}`)
    const afterCr = bytes.indexOf(13) + 1
    const chunks = [bytes.subarray(0, 2), bytes.subarray(2, afterCr), bytes.subarray(afterCr)]
    const names: string[] = []
    for await (const event of parseEventStream(streamOf(chunks))) names.push(event.event)
    expect(names).toEqual(['thread.run.created', 'thread.run.in_progress', 'thread.run.completed'])
  })

  it('names the unfinished last line of a body that is no event stream (a JSON body without a final newline)', async () => {
    const iterator = parseEventStream(streamOf([encoder.encode('{"id":"run_1","object":"thread.run"}')]))
    const error = await iterator[Symbol.asyncIterator]()
      .next()
      .catch((caught: unknown) => caught)
    expect(AssistantsError.is(error) && error.code).toBe('network')
    expect((error as Error).message).toBe(
      'The stream ended before the run finished: the body is not an event stream (first unrecognised line: "{\\"id\\":\\"run_1\\",\\"object\\":\\"thread.run\\"}").',
    )
  })
})
