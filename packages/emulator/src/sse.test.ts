import { describe, expect, it } from 'vitest'
import { createEventHub } from './hub.ts'
import { DroppedConnectionError, encodeEvent, eventStream, truncatedBody } from './sse.ts'

async function read(body: ReadableStream<Uint8Array>): Promise<{ chunks: string[]; error: unknown }> {
  const reader = body.getReader()
  const chunks: string[] = []
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { chunks, error: undefined }
      chunks.push(new TextDecoder().decode(value))
    }
  } catch (error) {
    return { chunks, error }
  }
}

describe('encodeEvent', () => {
  it('writes the recorded framing: event line, data line, blank line', () => {
    expect(encodeEvent({ event: 'done', data: '[DONE]' })).toBe('event: done\ndata: [DONE]\n\n')
  })
})

describe('eventStream', () => {
  it('sends the prelude, then the run events one chunk each, and closes after done', async () => {
    const hub = createEventHub()
    const body = eventStream([{ event: 'thread.created', data: '{}' }], hub.subscribe('run_1'))
    hub.publish('run_1', { event: 'thread.run.created', data: '{"a":1}' })
    hub.publish('run_1', { event: 'done', data: '[DONE]' })
    hub.publish('run_1', { event: 'late', data: '{}' })
    const { chunks, error } = await read(body)
    expect(error).toBeUndefined()
    expect(chunks).toEqual([
      'event: thread.created\ndata: {}\n\n',
      'event: thread.run.created\ndata: {"a":1}\n\n',
      'event: done\ndata: [DONE]\n\n',
    ])
  })

  it('unsubscribes when the reader cancels, and errors when the hub lets go without done', async () => {
    const hub = createEventHub()
    const subscription = hub.subscribe('run_1')
    await eventStream([], subscription).cancel()
    expect(subscription.closed).toBe(true)
    const body = eventStream([], hub.subscribe('run_2'))
    hub.closeAll()
    const { error } = await read(body)
    expect(error).toBeInstanceOf(DroppedConnectionError)
  })
})

describe('truncatedBody', () => {
  it('delivers the first bytes, then fails', async () => {
    const { chunks, error } = await read(truncatedBody('{"id":"thread_x"}', 6))
    expect(chunks).toEqual(['{"id":'])
    expect(error).toBeInstanceOf(DroppedConnectionError)
  })

  it('fails at once for zero bytes', async () => {
    const { chunks, error } = await read(truncatedBody('{}', 0))
    expect(chunks).toEqual([])
    expect(error).toBeInstanceOf(DroppedConnectionError)
  })
})
