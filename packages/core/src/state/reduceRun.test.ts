import { wireRun } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { AssistantsError } from '../errors.ts'
import type { AnnotationDelta } from '../schemas/annotation.ts'
import type { AssistantStreamEvent, KnownStreamEvent } from '../schemas/event.ts'
import type { Message } from '../schemas/message.ts'
import type { MessageDeltaContent } from '../schemas/messageDelta.ts'
import type { Run } from '../schemas/run.ts'
import type { RunStatus } from '../schemas/runStatus.ts'
import type { RunStep } from '../schemas/runStep.ts'
import type { ToolCallDelta } from '../schemas/runStepDelta.ts'
import { messageText } from './messageText.ts'
import { initialRunState, reduceRun } from './reduceRun.ts'
import type { RunState } from './runState.ts'

const runObject = wireRun
const runEvent = (status: RunStatus, extra: Partial<Run> = {}): AssistantStreamEvent =>
  ({ event: `thread.run.${status}`, data: runObject(status, extra) }) as KnownStreamEvent

const message = (id: string, extra: Partial<Message> = {}): Message => ({
  id,
  object: 'thread.message',
  created_at: 1,
  thread_id: 'thread_1',
  role: 'assistant',
  content: [],
  status: 'in_progress',
  ...extra,
})
const created = (id: string): AssistantStreamEvent => ({ event: 'thread.message.created', data: message(id) })
const delta = (id: string, ...content: MessageDeltaContent[]): AssistantStreamEvent => ({
  event: 'thread.message.delta',
  data: { id, object: 'thread.message.delta', delta: { content } },
})
const text = (value: string, index = 0): MessageDeltaContent => ({ index, type: 'text', text: { value } })

const toolStep = (id: string, extra: Partial<RunStep> = {}): RunStep => ({
  id,
  object: 'thread.run.step',
  created_at: 1,
  run_id: 'run_1',
  assistant_id: 'asst_1',
  thread_id: 'thread_1',
  type: 'tool_calls',
  status: 'in_progress',
  step_details: { type: 'tool_calls', tool_calls: [] },
  last_error: null,
  cancelled_at: null,
  completed_at: null,
  failed_at: null,
  expires_at: 2,
  ...extra,
})
const stepDelta = (id: string, ...tool_calls: ToolCallDelta[]): AssistantStreamEvent => ({
  event: 'thread.run.step.delta',
  data: { id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls } } },
})

const reduceAll = (events: readonly AssistantStreamEvent[], state: RunState = initialRunState()): RunState =>
  events.reduce(reduceRun, state)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

function invalidEvent(run: () => unknown): AssistantsError {
  try {
    run()
  } catch (error) {
    expect(AssistantsError.is(error) && error.code).toBe('invalid_event')
    return error as AssistantsError
  }
  throw new Error('expected an invalid_event error')
}

describe('initialRunState', () => {
  it('is idle and empty', () => {
    expect(initialRunState()).toEqual({
      status: 'idle',
      thread: null,
      run: null,
      messages: [],
      steps: [],
      requiredAction: null,
      usage: null,
      lastError: null,
    })
  })
})

describe('reduceRun', () => {
  it('sets the thread from thread.created', () => {
    const thread = { id: 'thread_1', object: 'thread', created_at: 1, metadata: {} } as const
    expect(reduceRun(initialRunState(), { event: 'thread.created', data: thread }).thread).toBe(thread)
  })

  it.each([
    'queued',
    'in_progress',
    'cancelling',
    'completed',
    'incomplete',
    'failed',
    'cancelled',
    'expired',
  ] as const)('takes status %s from the run object', (status) => {
    const state = reduceRun(initialRunState(), runEvent(status))
    expect(state.status).toBe(status)
    expect(state.run?.status).toBe(status)
  })

  it('exposes required_action, and clears it when the run moves on', () => {
    const required_action = {
      type: 'submit_tool_outputs' as const,
      submit_tool_outputs: {
        tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'weather', arguments: '{}' } }],
      },
    }
    const waiting = reduceRun(initialRunState(), runEvent('requires_action', { required_action }))
    expect(waiting.status).toBe('requires_action')
    expect(waiting.requiredAction).toBe(required_action)
    expect(reduceRun(waiting, runEvent('queued')).requiredAction).toBeNull()
  })

  it('keeps usage and last_error of the run', () => {
    const usage = {
      prompt_tokens: 5,
      completion_tokens: 2,
      total_tokens: 7,
      prompt_token_details: { cached_tokens: 0 },
    }
    expect(reduceRun(initialRunState(), runEvent('completed', { usage })).usage).toBe(usage)
    const last_error = { code: 'rate_limit_exceeded', message: 'slow down' }
    const failed = reduceRun(initialRunState(), runEvent('failed', { last_error }))
    expect(failed.lastError).toBe(last_error)
    expect(failed.status).toBe('failed')
  })

  it('accepts an Azure run without required_action', () => {
    const { required_action: _omitted, ...azure } = runObject('in_progress')
    const state = reduceRun(initialRunState(), { event: 'thread.run.in_progress', data: azure as Run })
    expect(state.requiredAction).toBeNull()
  })

  it('returns the same state for unknown events, error and done', () => {
    const state = reduceAll([runEvent('in_progress'), created('msg_1')])
    expect(reduceRun(state, { event: 'thread.run.paused', data: {}, unknown: true })).toBe(state)
    expect(reduceRun(state, { event: 'error', data: { message: 'x' } })).toBe(state)
    expect(reduceRun(state, { event: 'done', data: '[DONE]' })).toBe(state)
    const handMade = { event: 'thread.run.step.paused', data: {} } as unknown as AssistantStreamEvent
    expect(reduceRun(state, handMade)).toBe(state)
  })

  it('never mutates its input', () => {
    const state = deepFreeze(reduceAll([runEvent('in_progress'), created('msg_1'), delta('msg_1', text('Hel'))]))
    const events = deepFreeze([
      delta('msg_1', text('lo'), { index: 1, type: 'refusal', refusal: 'no' }),
      { event: 'thread.run.step.created', data: toolStep('step_1') },
      stepDelta('step_1', { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{' } }),
      runEvent('completed'),
    ] as AssistantStreamEvent[])
    expect(() => reduceAll(events, state)).not.toThrow()
    expect(messageText(state.messages[0]!)).toBe('Hel')
  })

  describe('messages', () => {
    it('appends text deltas at their index', () => {
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', text('Fil')),
        delta('msg_1', text('ip')),
        delta('msg_1', text("'s")),
      ])
      expect(state.messages[0]?.content).toEqual([{ type: 'text', text: { value: "Filip's", annotations: [] } }])
    })

    it('shares structure: only the changed message, the array and the root are new', () => {
      const before = reduceAll([
        runEvent('in_progress'),
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        created('msg_1'),
        created('msg_2'),
        created('msg_3'),
        delta('msg_1', text('a')),
      ])
      const after = reduceRun(before, delta('msg_2', text('b')))
      expect(after).not.toBe(before)
      expect(after.messages).not.toBe(before.messages)
      expect(after.messages[1]).not.toBe(before.messages[1])
      expect(after.messages[0]).toBe(before.messages[0])
      expect(after.messages[2]).toBe(before.messages[2])
      expect(after.steps).toBe(before.steps)
      expect(after.run).toBe(before.run)
      expect(reduceRun(after, delta('msg_2'))).toBe(after)
    })

    it('keeps the identity of untouched content parts', () => {
      const before = reduceAll([created('msg_1'), delta('msg_1', text('a'), text('b', 1))])
      const after = reduceRun(before, delta('msg_1', text('c', 1)))
      expect(after.messages[0]?.content[0]).toBe(before.messages[0]?.content[0])
      expect(messageText(after.messages[0]!)).toBe('abc')
    })

    it('builds citations as structured annotations while streaming', () => {
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', { index: 0, type: 'text', text: { value: 'Cake', annotations: [] } }),
        delta('msg_1', {
          index: 0,
          type: 'text',
          text: {
            value: '【4:0†f.txt】',
            annotations: [
              {
                index: 0,
                type: 'file_citation',
                text: '【4:0†f.txt】',
                start_index: 4,
                end_index: 14,
                file_citation: { file_id: 'file-1', quote: '' },
              },
            ],
          },
        }),
        delta('msg_1', {
          index: 0,
          type: 'text',
          text: { annotations: [{ index: 1, type: 'file_path', file_path: { file_id: 'file-2' }, text: 'p' }] },
        }),
        delta('msg_1', {
          index: 0,
          type: 'text',
          text: { annotations: [{ index: 2, type: 'url_citation', url_citation: { url: 'https://x', title: 'X' } }] },
        }),
      ])
      const part = state.messages[0]?.content[0]
      expect(part?.type === 'text' && part.text.annotations).toEqual([
        {
          type: 'file_citation',
          text: '【4:0†f.txt】',
          start_index: 4,
          end_index: 14,
          file_citation: { file_id: 'file-1', quote: '' },
        },
        { type: 'file_path', text: 'p', start_index: 0, end_index: 0, file_path: { file_id: 'file-2' } },
        {
          type: 'url_citation',
          text: '',
          start_index: 0,
          end_index: 0,
          url_citation: { url: 'https://x', title: 'X' },
        },
      ])
    })

    it('accumulates image parts and refusals', () => {
      const state = reduceAll([
        created('msg_1'),
        delta(
          'msg_1',
          { index: 0, type: 'image_file', image_file: { file_id: 'file-1' } },
          { index: 1, type: 'image_url', image_url: { url: 'https://img', detail: 'low' } },
          { index: 2, type: 'refusal', refusal: 'I can' },
        ),
        delta(
          'msg_1',
          { index: 0, type: 'image_file', image_file: { detail: 'high' } },
          { index: 2, type: 'refusal', refusal: "'t" },
        ),
      ])
      expect(state.messages[0]?.content).toEqual([
        { type: 'image_file', image_file: { file_id: 'file-1', detail: 'high' } },
        { type: 'image_url', image_url: { url: 'https://img', detail: 'low' } },
        { type: 'refusal', refusal: "I can't" },
      ])
      expect(messageText(state.messages[0]!)).toBe('')
    })

    it('applies delta.role', () => {
      const state = reduceAll([
        created('msg_1'),
        {
          event: 'thread.message.delta',
          data: { id: 'msg_1', object: 'thread.message.delta', delta: { role: 'user' } },
        },
      ])
      expect(state.messages[0]?.role).toBe('user')
    })

    it('keeps streamed content when in_progress repeats the empty message', () => {
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', text('Hi')),
        { event: 'thread.message.in_progress', data: message('msg_1') },
      ])
      expect(messageText(state.messages[0]!)).toBe('Hi')
    })

    it('replaces the message with the server object on completed and incomplete', () => {
      const done = message('msg_1', {
        status: 'completed',
        content: [{ type: 'text', text: { value: 'Hi', annotations: [] } }],
      })
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', text('Hi')),
        { event: 'thread.message.completed', data: done },
      ])
      expect(state.messages[0]).toBe(done)
      const cut = message('msg_2', { status: 'incomplete', incomplete_details: { reason: 'max_tokens' } })
      expect(reduceRun(state, { event: 'thread.message.incomplete', data: cut }).messages[1]).toBe(cut)
    })

    it('throws invalid_event for a delta of a message never created', () => {
      const error = invalidEvent(() => reduceAll([created('msg_1'), delta('msg_2', text('x'))]))
      expect(error.message).toBe(
        'thread.message.delta: delta for unknown message "msg_2" (no thread.message.created before it)',
      )
    })

    it.each([
      ['huge', 1e9],
      ['negative', -1],
      ['fractional', 0.5],
      ['a hole', 2],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['a string', '0'],
    ])('rejects a content index that is %s', (_, index) => {
      const state = reduceAll([created('msg_1'), delta('msg_1', text('a'))])
      const error = invalidEvent(() => reduceRun(state, delta('msg_1', { ...text('x'), index: index as number })))
      expect(error.message).toMatch(
        /^thread\.message\.delta: delta\.content\[0\]\.index: index .* is out of bounds \(expected an integer from 0 to 1\)$/,
      )
    })

    it('rejects an annotation index that leaves a hole', () => {
      const state = reduceAll([created('msg_1'), delta('msg_1', text('a'))])
      const hostile = delta('msg_1', {
        index: 0,
        type: 'text',
        text: { annotations: [{ index: 1e9, type: 'file_path' }] },
      })
      expect(invalidEvent(() => reduceRun(state, hostile)).message).toMatch(
        /delta\.content\[0\]\.text\.annotations\[0\]\.index/,
      )
    })

    it('rejects a part whose type differs from the part at its index', () => {
      const state = reduceAll([created('msg_1'), delta('msg_1', text('a'))])
      const error = invalidEvent(() => reduceRun(state, delta('msg_1', { index: 0, type: 'refusal', refusal: 'x' })))
      expect(error.message).toMatch(/delta\.content\[0\]\.type: "refusal" does not match the existing text part/)
    })

    it('rejects an unknown content type (validation off)', () => {
      const state = reduceAll([created('msg_1')])
      const odd = { index: 0, type: 'video' } as unknown as MessageDeltaContent
      expect(invalidEvent(() => reduceRun(state, delta('msg_1', odd))).message).toMatch(/unknown content type "video"/)
    })

    it('changes nothing for an empty text piece, streamed or not', () => {
      const state = reduceAll([created('msg_1'), delta('msg_1', text('a')), delta('msg_1', text('b'))])
      expect(reduceRun(state, delta('msg_1', text('')))).toBe(state)
    })

    it('keeps a field a delta adds to a streamed part, across the deltas after it', () => {
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', text('a')),
        delta('msg_1', text('b')),
        delta('msg_1', { index: 0, type: 'text', text: { value: 'c', x_vendor: 1 } }),
        delta('msg_1', text('d')),
        delta('msg_1', text('e')),
      ])
      const part = state.messages[0]!.content[0]!
      expect(part.type === 'text' && part.text).toEqual({ value: 'abcde', annotations: [], x_vendor: 1 })
    })

    it('places parts and annotations of one delta in order, each at its own index', () => {
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', text('a'), text('b', 1), { index: 1, type: 'text', text: { value: 'c' } }),
        delta('msg_1', {
          index: 1,
          type: 'text',
          text: {
            annotations: [
              { index: 0, type: 'file_path', text: 'p', file_path: { file_id: 'f' } },
              { index: 0, type: 'file_path', text: 'q', end_index: 3 },
            ],
          },
        }),
      ])
      const part = state.messages[0]!.content[1]!
      expect(messageText(state.messages[0]!)).toBe('abc')
      expect(part.type === 'text' && part.text.annotations).toEqual([
        { type: 'file_path', text: 'pq', start_index: 0, end_index: 3, file_path: { file_id: 'f' } },
      ])
    })

    it('rejects a type change on a streamed part even when the payload key fits', () => {
      const state = reduceAll([created('msg_1'), delta('msg_1', text('a')), delta('msg_1', text('b'))])
      const odd = { index: 0, type: 'refusal', text: { value: 'c' } } as unknown as MessageDeltaContent
      expect(invalidEvent(() => reduceRun(state, delta('msg_1', odd))).message).toBe(
        'thread.message.delta: delta.content[0].type: "refusal" does not match the existing text part',
      )
    })

    it('rejects an annotation whose type changes, and an unknown one', () => {
      const state = reduceAll([
        created('msg_1'),
        delta('msg_1', { index: 0, type: 'text', text: { annotations: [{ index: 0, type: 'file_path' }] } }),
      ])
      const swapped = delta('msg_1', {
        index: 0,
        type: 'text',
        text: { annotations: [{ index: 0, type: 'url_citation' }] },
      })
      expect(invalidEvent(() => reduceRun(state, swapped)).message).toBe(
        'thread.message.delta: delta.content[0].text.annotations[0].type: "url_citation" does not match the existing file_path annotation',
      )
      const odd = { index: 1, type: 'footnote' } as unknown as AnnotationDelta
      // Paths name the position in the delta, as the wire sends it; the index is checked against the snapshot.
      const unknown = delta('msg_1', { index: 0, type: 'text', text: { annotations: [odd] } })
      expect(invalidEvent(() => reduceRun(state, unknown)).message).toMatch(
        /delta\.content\[0\]\.text\.annotations\[0\]\.type: unknown annotations type "footnote"/,
      )
    })

    it.each([
      ['null', null],
      ['a string', 'x'],
      ['an object', { index: 0, type: 'text' }],
    ])('rejects content that is %s, not a list (validation off)', (_, content) => {
      const state = reduceAll([created('msg_1'), delta('msg_1', text('a'))])
      const odd = {
        event: 'thread.message.delta',
        data: { id: 'msg_1', object: 'thread.message.delta', delta: { content } },
      } as unknown as AssistantStreamEvent
      expect(invalidEvent(() => reduceRun(state, odd)).message).toMatch(/^thread\.message\.delta: delta\.content: /)
    })

    it('never lets __proto__ or constructor keys pollute prototypes', () => {
      const payload = JSON.parse(
        '{"id":"msg_1","object":"thread.message.delta","delta":{"__proto__":{"polluted":1},"content":[{"index":0,"type":"text","constructor":{"prototype":{"polluted":1}},"text":{"value":"x","__proto__":{"polluted":1},"annotations":[{"index":0,"type":"file_path","__proto__":{"polluted":1},"file_path":{"file_id":"f","__proto__":{"polluted":1}}}]}}]}}',
      )
      const state = reduceAll([created('msg_1'), { event: 'thread.message.delta', data: payload }])
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
      const part = state.messages[0]!.content[0]!
      expect(Object.getPrototypeOf(part)).toBe(Object.prototype)
      expect(part.type === 'text' && Object.getPrototypeOf(part.text.annotations[0])).toBe(Object.prototype)
      expect(messageText(state.messages[0]!)).toBe('x')
    })
  })

  describe('steps', () => {
    const functionCall = (args: string, extra: Partial<ToolCallDelta> = {}): ToolCallDelta =>
      ({ index: 0, type: 'function', function: { arguments: args }, ...extra }) as ToolCallDelta

    it('accumulates function calls by index: id and name once, arguments appended, output set', () => {
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', {
          index: 0,
          id: 'call_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '', output: null },
        }),
        stepDelta('step_1', functionCall('{"lo')),
        stepDelta('step_1', {
          index: 1,
          id: 'call_2',
          type: 'function',
          function: { name: 'get_time', arguments: '{}' },
        }),
        stepDelta('step_1', functionCall('c":1}')),
        stepDelta('step_1', { index: 1, type: 'function', function: { output: 'noon' } }),
      ])
      const details = state.steps[0]?.step_details
      expect(details?.type === 'tool_calls' && details.tool_calls).toEqual([
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"loc":1}', output: null } },
        { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}', output: 'noon' } },
      ])
    })

    it('accumulates code interpreter input and places outputs by their index', () => {
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', {
          index: 0,
          id: 'ci_1',
          type: 'code_interpreter',
          code_interpreter: { input: 'print(', outputs: [] },
        }),
        stepDelta('step_1', { index: 0, type: 'code_interpreter', code_interpreter: { input: '1)' } }),
        stepDelta('step_1', {
          index: 0,
          type: 'code_interpreter',
          code_interpreter: {
            outputs: [
              { index: 0, type: 'logs', logs: '1' },
              { index: 1, type: 'image', image: { file_id: 'file-img' } },
            ],
          },
        }),
        stepDelta('step_1', {
          index: 0,
          type: 'code_interpreter',
          code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '\n' }] },
        }),
      ])
      const details = state.steps[0]?.step_details
      expect(details?.type === 'tool_calls' && details.tool_calls).toEqual([
        {
          id: 'ci_1',
          type: 'code_interpreter',
          code_interpreter: {
            input: 'print(1)',
            outputs: [
              { type: 'logs', logs: '1\n' },
              { type: 'image', image: { file_id: 'file-img' } },
            ],
          },
        },
      ])
    })

    it('rejects a hostile code interpreter output index', () => {
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', { index: 0, id: 'ci_1', type: 'code_interpreter', code_interpreter: { input: '' } }),
      ])
      const hostile = stepDelta('step_1', {
        index: 0,
        type: 'code_interpreter',
        code_interpreter: { outputs: [{ index: -3, type: 'logs' }] },
      })
      expect(invalidEvent(() => reduceRun(state, hostile)).message).toMatch(
        /delta\.step_details\.tool_calls\[0\]\.code_interpreter\.outputs\[0\]\.index: index -3 is out of bounds/,
      )
    })

    it('keeps file search payloads as they arrive and takes results from step.completed', () => {
      const ranking = { ranker: 'default_2024_08_21', score_threshold: 0 }
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', {
          index: 0,
          id: 'fs_1',
          type: 'file_search',
          file_search: { ranking_options: ranking, results: [] },
        }),
      ])
      const details = state.steps[0]?.step_details
      expect(details?.type === 'tool_calls' && details.tool_calls[0]).toEqual({
        id: 'fs_1',
        type: 'file_search',
        file_search: { ranking_options: ranking, results: [] },
      })
    })

    it('rejects a tool call index that leaves a hole and a call whose type changes', () => {
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', functionCall('')),
      ])
      expect(invalidEvent(() => reduceRun(state, stepDelta('step_1', functionCall('', { index: 2 })))).message).toMatch(
        /tool_calls\[0\]\.index: index 2 is out of bounds \(expected an integer from 0 to 1\)/,
      )
      const swapped = stepDelta('step_1', { index: 0, type: 'file_search', file_search: {} })
      expect(invalidEvent(() => reduceRun(state, swapped)).message).toMatch(/does not match the existing function call/)
    })

    it('rejects tool call deltas for a message_creation step', () => {
      const step = toolStep('step_1', {
        type: 'message_creation',
        step_details: { type: 'message_creation', message_creation: { message_id: 'msg_1' } },
      })
      const state = reduceAll([{ event: 'thread.run.step.created', data: step }])
      expect(invalidEvent(() => reduceRun(state, stepDelta('step_1', functionCall('x')))).message).toMatch(
        /delta\.step_details\.type: "tool_calls" does not match the step's message_creation details/,
      )
    })

    it('accepts the mcp and openapi labels of Azure step deltas, and merges Azure call payloads by the same rules', () => {
      const azure = (type: 'mcp' | 'openapi', call: Record<string, unknown>): AssistantStreamEvent => ({
        event: 'thread.run.step.delta',
        data: {
          id: 'step_1',
          object: 'thread.run.step.delta',
          delta: { step_details: { type, tool_calls: [call as unknown as ToolCallDelta] } },
        },
      })
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        azure('mcp', { index: 0, id: 'call_1', type: 'mcp', server_label: 'docs', arguments: '{"q"' }),
        azure('mcp', { index: 0, type: 'mcp', arguments: ':1}' }),
        azure('openapi', { index: 1, id: 'call_2', type: 'openapi', openapi: { name: 'a' } }),
        azure('openapi', { index: 1, type: 'openapi', openapi: { output: 'ok' } }),
      ])
      const step = state.steps[0]!
      expect(step.step_details.type).toBe('tool_calls')
      expect(step.step_details.type === 'tool_calls' && step.step_details.tool_calls).toEqual([
        { id: 'call_1', type: 'mcp', server_label: 'docs', arguments: '{"q":1}' },
        { id: 'call_2', type: 'openapi', openapi: { name: 'a', output: 'ok' } },
      ])
    })

    it('rejects a code interpreter output whose type changes, and a call type that is no string', () => {
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', {
          index: 0,
          id: 'ci_1',
          type: 'code_interpreter',
          code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: 'x' }] },
        }),
      ])
      const swapped = stepDelta('step_1', {
        index: 0,
        type: 'code_interpreter',
        code_interpreter: { outputs: [{ index: 0, type: 'image', image: { file_id: 'f' } }] },
      })
      expect(invalidEvent(() => reduceRun(state, swapped)).message).toMatch(
        /tool_calls\[0\]\.code_interpreter\.outputs\[0\]\.type: "image" does not match the existing logs output/,
      )
      const numeric = stepDelta('step_1', { index: 1, type: 7 } as unknown as ToolCallDelta)
      expect(invalidEvent(() => reduceRun(state, numeric)).message).toMatch(
        /tool_calls\[0\]\.type: unknown tool_calls type 7/,
      )
    })

    it('skips prototype keys in a streamed call', () => {
      const payload = JSON.parse(
        '{"id":"step_1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"id":"c","type":"function","__proto__":{"polluted":1},"function":{"name":"f","arguments":"{","constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}}]}}}',
      )
      const state = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        { event: 'thread.run.step.delta', data: payload },
        { event: 'thread.run.step.delta', data: payload },
      ])
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      const details = state.steps[0]!.step_details
      const call = details.type === 'tool_calls' ? details.tool_calls[0] : undefined
      expect(call).toEqual({ id: 'c', type: 'function', function: { name: 'ff', arguments: '{{', output: null } })
      expect(Object.getPrototypeOf(call)).toBe(Object.prototype)
    })

    it('throws invalid_event for a delta of a step never created', () => {
      expect(invalidEvent(() => reduceRun(initialRunState(), stepDelta('step_9', functionCall('x')))).message).toMatch(
        /^thread\.run\.step\.delta: delta for unknown step "step_9"/,
      )
    })

    it('keeps streamed calls when in_progress repeats the empty step, and replaces the step on completed', () => {
      const streamed = reduceAll([
        { event: 'thread.run.step.created', data: toolStep('step_1') },
        stepDelta('step_1', { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }),
        { event: 'thread.run.step.in_progress', data: toolStep('step_1') },
      ])
      const details = streamed.steps[0]?.step_details
      expect(details?.type === 'tool_calls' && details.tool_calls).toHaveLength(1)
      const done = toolStep('step_1', { status: 'completed' })
      expect(reduceRun(streamed, { event: 'thread.run.step.completed', data: done }).steps).toEqual([done])
    })

    it('inserts a step first seen as completed (submit-tool-outputs streams) and keeps other steps', () => {
      const before = reduceAll([{ event: 'thread.run.step.created', data: toolStep('step_1') }])
      const earlier = toolStep('step_0', { status: 'completed' })
      const after = reduceRun(before, { event: 'thread.run.step.completed', data: earlier })
      expect(after.steps.map((step) => step.id)).toEqual(['step_1', 'step_0'])
      expect(after.steps[0]).toBe(before.steps[0])
      for (const status of ['failed', 'cancelled', 'expired'] as const) {
        const ended = toolStep('step_1', { status })
        const event = { event: `thread.run.step.${status}`, data: ended } as AssistantStreamEvent
        expect(reduceRun(after, event).steps[0]).toBe(ended)
      }
    })

    it('finds steps and messages by id after many inserts, from any earlier snapshot', () => {
      let state = initialRunState()
      for (let i = 0; i < 200; i++) state = reduceRun(state, created(`msg_${i}`))
      const branch = reduceRun(state, created('msg_b'))
      const other = reduceRun(state, created('msg_c'))
      expect(messageText(reduceRun(branch, delta('msg_b', text('b'))).messages[200]!)).toBe('b')
      expect(messageText(reduceRun(other, delta('msg_c', text('c'))).messages[200]!)).toBe('c')
      invalidEvent(() => reduceRun(other, delta('msg_b', text('x'))))
      expect(messageText(reduceRun(state, delta('msg_17', text('q'))).messages[17]!)).toBe('q')
    })
  })
})

describe('messageText', () => {
  it('concatenates the text parts and skips others', () => {
    const value = message('msg_1', {
      content: [
        { type: 'text', text: { value: 'Hello', annotations: [] } },
        { type: 'image_file', image_file: { file_id: 'f' } },
        { type: 'text', text: { value: ' world', annotations: [] } },
      ],
    })
    expect(messageText(value)).toBe('Hello world')
    expect(messageText(message('msg_2'))).toBe('')
  })
})
