import { chunkAtRandom, hasFixtures, readFixtureBytes, streamOf } from '@skein/test-support'
import { describe, expect, it, vi } from 'vitest'
import { AssistantsError, isAbortError } from '../errors.ts'
import type { AssistantStreamEvent, Validation } from '../schemas/event.ts'
import { messageText } from '../state/messageText.ts'
import { initialRunState } from '../state/runState.ts'
import { strict } from '../strict.ts'
import { createRunStream } from './createRunStream.ts'

const encoder = new TextEncoder()
const RUN_CREATE = 'openai-dotnet_StreamingRunWorks_run-create.sse'
const REQUIRES_ACTION = 'openai-dotnet_StreamingToolCallAsync_thread-and-run_requires-action.sse'
const SUBMIT = 'openai-dotnet_StreamingToolCallAsync_submit-tool-outputs.sse'

const run = (status: string): string =>
  JSON.stringify({ id: 'run_1', object: 'thread.run', thread_id: 'thread_1', assistant_id: 'asst_1', status })
const frame = (event: string, data: string): string => `event: ${event}\ndata: ${data}\n\n`

/** A body that records `cancel` and can stay open after its chunks. */
function watchedBody(text: string, hang = false) {
  const state = { cancelled: false }
  let sent = false
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true
        controller.enqueue(encoder.encode(text))
      } else if (!hang) controller.close()
      else return new Promise<void>(() => {})
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { body, state }
}

const openText =
  (text: string) =>
  async (_signal: AbortSignal): Promise<ReadableStream<Uint8Array>> =>
    streamOf([encoder.encode(text)])

describe('createRunStream', () => {
  it('opens the request at creation with its own signal', () => {
    const open = vi.fn(openText(frame('thread.run.completed', run('completed'))))
    const stream = createRunStream(open)
    expect(open).toHaveBeenCalledTimes(1)
    expect(open.mock.calls[0]?.[0]).toBe(stream.signal)
    expect(stream.signal.aborted).toBe(false)
  })

  it('yields the events and resolves done() to the reduced state', async () => {
    const stream = createRunStream(
      openText(frame('thread.run.in_progress', run('in_progress')) + frame('thread.run.completed', run('completed'))),
    )
    const names: string[] = []
    for await (const event of stream) names.push(event.event)
    expect(names).toEqual(['thread.run.in_progress', 'thread.run.completed'])
    const state = await stream.done()
    expect(state.status).toBe('completed')
    expect(state.run?.id).toBe('run_1')
  })

  it('drives the iteration itself when only done() is called', async () => {
    const state = await createRunStream(openText(frame('thread.run.failed', run('failed')))).done()
    expect(state.status).toBe('failed')
  })

  it('reduces onto initialState', async () => {
    const first = await createRunStream(openText(frame('thread.run.requires_action', run('requires_action')))).done()
    const next = await createRunStream(openText(frame('thread.run.completed', run('completed'))), {
      initialState: { ...first, messages: [] },
    }).done()
    expect(next.status).toBe('completed')
  })

  it('state() holds every event the loop has received, and done() resolves to that same state', async () => {
    const stream = createRunStream(
      openText(
        frame('thread.run.queued', run('queued')) +
          frame('thread.run.in_progress', run('in_progress')) +
          frame('thread.run.completed', run('completed')),
      ),
      { initialState: { ...initialRunState(), steps: [] } },
    )
    const seen: string[] = []
    expect(stream.state().status).toBe('idle')
    for await (const event of stream) {
      // Folded before the event reaches the loop, so the state always answers for the event in hand.
      seen.push(`${event.event}:${stream.state().status}`)
    }
    expect(seen).toEqual([
      'thread.run.queued:queued',
      'thread.run.in_progress:in_progress',
      'thread.run.completed:completed',
    ])
    expect(await stream.done()).toBe(stream.state())
  })

  it('throws a TypeError when iterated twice, or iterated after done()', async () => {
    const stream = createRunStream(openText(frame('thread.run.completed', run('completed'))))
    for await (const _ of stream) {
      // drain
    }
    expect(() => stream[Symbol.asyncIterator]()).toThrow(TypeError)
    const other = createRunStream(openText(frame('thread.run.completed', run('completed'))))
    await other.done()
    expect(() => other[Symbol.asyncIterator]()).toThrow(/already being read/)
  })

  it('rejects done() with the error of open, and never leaves an unhandled rejection', async () => {
    const failure = new AssistantsError('http', '[POST] /threads/t/runs: 500 boom', { status: 500 })
    createRunStream(() => Promise.reject(failure))
    createRunStream(() => {
      throw failure
    })
    const stream = createRunStream(() => Promise.reject(failure))
    await expect(stream.done()).rejects.toBe(failure)
    // A loop that fails and nobody asks done(): the rejected done() promise must not be reported either.
    const broken = createRunStream(openText(frame('thread.run.completed', '{')))
    await expect(
      (async () => {
        for await (const _ of broken) {
          // never reached
        }
      })(),
    ).rejects.toMatchObject({ code: 'invalid_event' })
    await new Promise((resolve) => setTimeout(resolve, 10))
  })

  it('rejects the iteration with the error of open', async () => {
    const failure = new AssistantsError('network', 'offline')
    const stream = createRunStream(() => Promise.reject(failure))
    await expect(
      (async () => {
        for await (const _ of stream) {
          // never reached
        }
      })(),
    ).rejects.toBe(failure)
    await expect(stream.done()).rejects.toBe(failure)
  })

  it('abort() before reading aborts the request and rejects done() with the reason, untouched', async () => {
    const { body, state } = watchedBody(frame('thread.run.queued', run('queued')), true)
    let seen: AbortSignal | undefined
    const stream = createRunStream(async (signal) => {
      seen = signal
      return body
    })
    const reason = new Error('navigated away')
    await Promise.resolve()
    stream.abort(reason)
    expect(seen?.aborted).toBe(true)
    expect(stream.signal.reason).toBe(reason)
    await expect(stream.done()).rejects.toBe(reason)
    await vi.waitFor(() => expect(state.cancelled).toBe(true))
  })

  it('abort() mid-iteration ends the loop and done() with the reason', async () => {
    const { body, state } = watchedBody(frame('thread.run.queued', run('queued')), true)
    const stream = createRunStream(async () => body)
    const reason = new Error('stop')
    const events: AssistantStreamEvent[] = []
    const loop = (async () => {
      for await (const event of stream) {
        events.push(event)
        stream.abort(reason)
      }
    })()
    await expect(loop).rejects.toBe(reason)
    await expect(stream.done()).rejects.toBe(reason)
    expect(events).toHaveLength(1)
    expect(state.cancelled).toBe(true)
  })

  it('rejects done() after abort() even when the iterating loop is paused', async () => {
    const { body } = watchedBody(frame('thread.run.queued', run('queued')), true)
    const stream = createRunStream(async () => body)
    const iterator = stream[Symbol.asyncIterator]()
    await iterator.next()
    stream.abort()
    await expect(stream.done()).rejects.toSatisfy(isAbortError)
  })

  it('rejects done() with the reason of a caller signal that was aborted before it began', async () => {
    const { body, state } = watchedBody(frame('thread.run.queued', run('queued')), true)
    const reason = new Error('already gone')
    const stream = createRunStream(async () => body, { signal: AbortSignal.abort(reason) })
    expect(stream.signal.aborted).toBe(true)
    await expect(stream.done()).rejects.toBe(reason)
    await vi.waitFor(() => expect(state.cancelled).toBe(true))
  })

  it('throws a TypeError for an unknown validation mode before opening the request', () => {
    const open = vi.fn(openText(frame('thread.run.completed', run('completed'))))
    expect(() => createRunStream(open, { validation: 'strict' as unknown as Validation })).toThrow(
      /createRunStream: validation must be 'lenient', 'off' or strict.*@skein\/core\/strict/,
    )
    expect(open).not.toHaveBeenCalled()
  })

  it('follows the caller signal', async () => {
    const { body } = watchedBody(frame('thread.run.queued', run('queued')), true)
    const controller = new AbortController()
    const stream = createRunStream(async () => body, { signal: controller.signal })
    const reason = new Error('unmounted')
    controller.abort(reason)
    expect(stream.signal.aborted).toBe(true)
    await expect(stream.done()).rejects.toBe(reason)
  })

  it('aborts its signal and cancels the body on break; done() rejects with an AbortError', async () => {
    const { body, state } = watchedBody(frame('thread.run.queued', run('queued')), true)
    const stream = createRunStream(async () => body)
    for await (const _ of stream) break
    expect(stream.signal.aborted).toBe(true)
    await expect(stream.done()).rejects.toSatisfy(isAbortError)
    await vi.waitFor(() => expect(state.cancelled).toBe(true))
  })

  it('ignores abort() once the run finished', async () => {
    const stream = createRunStream(openText(frame('thread.run.completed', run('completed'))))
    const state = await stream.done()
    stream.abort()
    expect(stream.signal.aborted).toBe(false)
    await expect(stream.done()).resolves.toBe(state)
  })

  it('fails with invalid_event when a delta arrives before its message, and cancels the body', async () => {
    const delta = JSON.stringify({
      id: 'msg_404',
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: { value: 'x' } }] },
    })
    const { body, state } = watchedBody(frame('thread.message.delta', delta), true)
    const error = await createRunStream(async () => body)
      .done()
      .catch((caught: unknown) => caught)
    expect(AssistantsError.is(error) && error.code).toBe('invalid_event')
    expect((error as Error).message).toMatch(/delta for unknown message "msg_404"/)
    await vi.waitFor(() => expect(state.cancelled).toBe(true))
  })

  it('fails with invalid_event on a hostile index instead of allocating', async () => {
    const created = JSON.stringify({ id: 'msg_1', object: 'thread.message', role: 'assistant', content: [] })
    const delta = JSON.stringify({
      id: 'msg_1',
      object: 'thread.message.delta',
      delta: { content: [{ index: 1e9, type: 'text', text: { value: 'x' } }] },
    })
    const stream = createRunStream(
      openText(frame('thread.message.created', created) + frame('thread.message.delta', delta)),
    )
    await expect(stream.done()).rejects.toMatchObject({ code: 'invalid_event', message: /out of bounds/ })
  })

  describe.runIf(hasFixtures)('recorded streams', () => {
    it('resolves to the completed message of a real run', async () => {
      const stream = createRunStream(async () => streamOf(chunkAtRandom(readFixtureBytes(RUN_CREATE), 200)), {
        validation: strict,
      })
      const state = await stream.done()
      expect(state.status).toBe('completed')
      expect(state.messages).toHaveLength(1)
      expect(messageText(state.messages[0]!).length).toBeGreaterThan(20)
      expect(state.usage?.total_tokens).toBeGreaterThan(0)
    })

    it('continues a requires_action run through the submit-tool-outputs stream', async () => {
      const first = await createRunStream(async () => streamOf([readFixtureBytes(REQUIRES_ACTION)])).done()
      expect(first.status).toBe('requires_action')
      expect(first.requiredAction?.submit_tool_outputs?.tool_calls).toHaveLength(1)
      const second = await createRunStream(async () => streamOf([readFixtureBytes(SUBMIT)]), {
        initialState: first,
      }).done()
      expect(second.status).toBe('completed')
      expect(second.requiredAction).toBeNull()
      expect(second.steps.map((step) => step.status)).toEqual(['completed', 'completed'])
      expect(second.messages).toHaveLength(1)
    })
  })
})
