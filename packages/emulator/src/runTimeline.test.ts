import { describe, expect, it } from 'vitest'
import type { RestMessage } from './objects.ts'
import type { ListPage } from './pagination.ts'
import { collapsedNames, type Harness, harness, parseSse, type TestEvent } from './testing/harness.ts'
import { manualClock } from './testing/manualClock.ts'
import type { Message, Run } from './wire.ts'

// The DOM and Node typings of TextDecoderStream disagree on its input type; both accept Uint8Array chunks.
const decoder = () => new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>

const data = <T>(event: TestEvent | undefined): T => JSON.parse(event?.data ?? 'null') as T

describe('createRunEngine (timeline)', () => {
  async function openStream(h: Harness, threadId: string) {
    const response = await h.raw('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant(),
      stream: true,
    })
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(decoder()).getReader()
    let text = ''
    return {
      async until(name: string): Promise<TestEvent[]> {
        while (!parseSse(text).some((event) => event.event === name)) {
          const { done, value } = await reader.read()
          if (done) break
          text += value
        }
        return parseSse(text)
      },
      reader,
    }
  }

  it('a cancel mid-stream ends the open stream: message incomplete, step cancelled, run cancelled, done', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock, tokenDelayMs: 20 })
    const threadId = await h.thread('hello there')
    const stream = await openStream(h, threadId)
    await stream.until('thread.message.in_progress')
    control.tick()
    const sofar = await stream.until('thread.message.delta')
    const runId = data<Run>(sofar[0]).id
    expect((await h.call<Run>('POST', `/v1/threads/${threadId}/runs/${runId}/cancel`)).body.status).toBe('cancelling')
    control.tick()
    const events = await stream.until('done')
    expect(collapsedNames(events).slice(-5)).toEqual([
      'thread.message.delta',
      'thread.message.incomplete',
      'thread.run.step.cancelled',
      'thread.run.cancelled',
      'done',
    ])
    const message = data<Message>(events.find((event) => event.event === 'thread.message.incomplete'))
    expect(message).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'run_cancelled' } })
    expect(message.incomplete_at).not.toBeNull()
  })

  it('keeps the run advancing when the streaming client disconnects', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock, tokenDelayMs: 5 })
    const threadId = await h.thread('keep going')
    const stream = await openStream(h, threadId)
    const sofar = await stream.until('thread.message.in_progress')
    await stream.reader.cancel()
    const runId = data<Run>(sofar[0]).id
    while (
      control.pending() > 0 ||
      (await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${runId}`)).body.status !== 'completed'
    ) {
      control.tick()
      await Promise.resolve()
    }
    const list = await h.call<ListPage<RestMessage>>('GET', `/v1/threads/${threadId}/messages?limit=1`)
    expect(JSON.stringify(list.body.data[0]?.content)).toContain('You said: \\"keep going\\"')
  })

  it('reset ends an open stream abruptly', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock, tokenDelayMs: 5 })
    const threadId = await h.thread('x')
    const stream = await openStream(h, threadId)
    await stream.until('thread.message.in_progress')
    h.emulator.reset()
    await expect(stream.until('done')).rejects.toThrow(/reset/)
  })
})
