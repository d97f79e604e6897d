// reduceRun copies a message or step per delta; wire-shaped objects take a literal copy, others a spread. Both must
// give the same object: every key, in the same order, with the values that did not change kept as they were.
import { describe, expect, it } from 'vitest'
import type { AssistantStreamEvent } from '../schemas/event.ts'
import type { Message } from '../schemas/message.ts'
import type { RunStep } from '../schemas/runStep.ts'
import { messageText } from './messageText.ts'
import { initialRunState, reduceRun } from './reduceRun.ts'

// Keys and order as the API streams them (fixtures/streams/openai-dotnet_StreamingRunWorks_run-create.sse).
const wireMessage = (): Message => ({
  id: 'msg_1',
  object: 'thread.message',
  created_at: 1,
  assistant_id: 'asst_1',
  thread_id: 'thread_1',
  run_id: 'run_1',
  status: 'in_progress',
  incomplete_details: null,
  incomplete_at: null,
  completed_at: null,
  role: 'assistant',
  content: [],
  attachments: [],
  metadata: {},
})
const wireStep = (): RunStep => ({
  id: 'step_1',
  object: 'thread.run.step',
  created_at: 1,
  run_id: 'run_1',
  assistant_id: 'asst_1',
  thread_id: 'thread_1',
  type: 'tool_calls',
  status: 'in_progress',
  cancelled_at: null,
  completed_at: null,
  expires_at: 2,
  failed_at: null,
  last_error: null,
  step_details: { type: 'tool_calls', tool_calls: [] },
  usage: null,
})
const textDelta = (value: string): AssistantStreamEvent => ({
  event: 'thread.message.delta',
  data: {
    id: 'msg_1',
    object: 'thread.message.delta',
    delta: { content: [{ index: 0, type: 'text', text: { value } }] },
  },
})
const argsDelta = (fragment: string, first = false): AssistantStreamEvent => ({
  event: 'thread.run.step.delta',
  data: {
    id: 'step_1',
    object: 'thread.run.step.delta',
    delta: {
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          first
            ? { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: fragment, output: null } }
            : { index: 0, type: 'function', function: { arguments: fragment } },
        ],
      },
    },
  },
})

function streamMessage(start: Message): Message {
  let state = reduceRun(initialRunState(), { event: 'thread.message.created', data: start })
  for (const piece of ['Hel', 'lo', ' wo', 'rld']) state = reduceRun(state, textDelta(piece))
  return state.messages[0]!
}

function streamStep(start: RunStep) {
  let state = reduceRun(initialRunState(), { event: 'thread.run.step.created', data: start })
  state = reduceRun(state, argsDelta('{"a"', true))
  for (const piece of [':', '1', '}']) state = reduceRun(state, argsDelta(piece))
  return state.steps[0]!
}

describe('reduceRun', () => {
  it('keeps every key of a wire-shaped message, in wire order, across deltas', () => {
    const start = wireMessage()
    const after = streamMessage(start)
    expect(Object.keys(after)).toEqual(Object.keys(start))
    expect(messageText(after)).toBe('Hello world')
    expect({ ...after, content: [] }).toEqual(start)
  })

  it('keeps vendor fields and their order on a message that is not wire-shaped', () => {
    const start = { ...wireMessage(), x_vendor: { trace: 'abc' } } as Message
    const after = streamMessage(start)
    expect(Object.keys(after)).toEqual(Object.keys(start))
    expect(after['x_vendor']).toBe(start['x_vendor'])
    expect(messageText(after)).toBe('Hello world')
  })

  it('copies a message whose keys are the wire keys in another order with its own order', () => {
    const { metadata, ...rest } = wireMessage()
    const start = { metadata, ...rest } as Message
    expect(Object.keys(streamMessage(start))).toEqual(Object.keys(start))
  })

  it('keeps every key of a wire-shaped step, and vendor fields of another, across argument deltas', () => {
    const start = wireStep()
    const after = streamStep(start)
    expect(Object.keys(after)).toEqual(Object.keys(start))
    const details = after.step_details
    expect(details.type === 'tool_calls' && details.tool_calls[0]).toMatchObject({
      id: 'call_1',
      function: { name: 'f', arguments: '{"a":1}', output: null },
    })
    const vendor = { ...wireStep(), x_vendor: 1 } as RunStep
    const afterVendor = streamStep(vendor)
    expect(Object.keys(afterVendor)).toEqual(Object.keys(vendor))
    expect(afterVendor['x_vendor']).toBe(1)
  })

  it('keeps vendor fields of a tool call and of its function across argument deltas', () => {
    const call = {
      id: 'call_1',
      type: 'function',
      function: { name: 'f', arguments: '', output: null, x_fn: 1 },
      x_call: 2,
    }
    const start = { ...wireStep(), step_details: { type: 'tool_calls', tool_calls: [call] } } as RunStep
    let state = reduceRun(initialRunState(), { event: 'thread.run.step.created', data: start })
    for (const piece of ['{"a"', ':1}']) state = reduceRun(state, argsDelta(piece))
    const details = state.steps[0]!.step_details
    const after = details.type === 'tool_calls' ? details.tool_calls[0] : undefined
    expect(after).toEqual({ ...call, function: { ...call.function, arguments: '{"a":1}' } })
    expect(Object.keys(after ?? {})).toEqual(Object.keys(call))
  })

  it('copies a text part with extra fields by spreading, keeping them', () => {
    const start = {
      ...wireMessage(),
      content: [{ type: 'text', text: { value: 'a', annotations: [], x_text: 1 }, x_part: 2 }],
    } as Message
    let state = reduceRun(initialRunState(), { event: 'thread.message.created', data: start })
    state = reduceRun(state, textDelta('b'))
    expect(state.messages[0]!.content[0]).toEqual({
      type: 'text',
      text: { value: 'ab', annotations: [], x_text: 1 },
      x_part: 2,
    })
  })

  it('gives every delta a new message object and leaves the previous one untouched', () => {
    let state = reduceRun(initialRunState(), { event: 'thread.message.created', data: wireMessage() })
    state = reduceRun(state, textDelta('a'))
    const before = state.messages[0]!
    const next = reduceRun(state, textDelta('b')).messages[0]!
    expect(next).not.toBe(before)
    expect(messageText(before)).toBe('a')
    expect(messageText(next)).toBe('ab')
  })
})
