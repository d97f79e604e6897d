// The lenient checks take a fast path for the common delta shapes; anything else must still get the full check.
import { describe, expect, it } from 'vitest'
import { checkLenient } from './checkLenient.ts'

const messageDelta = (part: Record<string, unknown>) => ({
  id: 'msg_1',
  object: 'thread.message.delta',
  delta: { content: [part] },
})
const stepDelta = (call: Record<string, unknown>) => ({
  id: 'step_1',
  object: 'thread.run.step.delta',
  delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
})

describe('checkLenient', () => {
  it('passes the common text fragment, with and without an empty annotations list', () => {
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'text', text: { value: 'Hi' } }))).toBe(
      undefined,
    )
    expect(
      checkLenient(
        'thread.message.delta',
        messageDelta({ index: 0, type: 'text', text: { value: 'Hi', annotations: [] } }),
      ),
    ).toBe(undefined)
  })

  it('checks annotations when there are some', () => {
    const part = { index: 0, type: 'text', text: { value: 'x', annotations: [{ index: '0', type: 'file_citation' }] } }
    expect(checkLenient('thread.message.delta', messageDelta(part))).toBe(
      'delta.content[0].text.annotations[0].index: expected a number, received "0"',
    )
    const good = { index: 0, type: 'text', text: { annotations: [{ index: 0, type: 'file_citation', text: 'x' }] } }
    expect(checkLenient('thread.message.delta', messageDelta(good))).toBe(undefined)
  })

  it('reports the same paths for a bad text fragment as before the fast path', () => {
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'text', text: { value: 1 } }))).toBe(
      'delta.content[0].text.value: expected a string, received 1',
    )
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'text', text: 'Hi' }))).toBe(
      'delta.content[0].text: expected an object, received "Hi"',
    )
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'refusal', refusal: 2 }))).toBe(
      'delta.content[0].refusal: expected a string, received 2',
    )
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'image_file', image_file: [] }))).toBe(
      'delta.content[0].image_file: expected an object, received an array',
    )
  })

  it('passes the common argument fragment and checks everything else of a tool call', () => {
    const fragment = { index: 0, type: 'function', function: { arguments: '{"a' } }
    expect(checkLenient('thread.run.step.delta', stepDelta(fragment))).toBe(undefined)
    expect(
      checkLenient('thread.run.step.delta', stepDelta({ index: 0, type: 'function', function: { arguments: 3 } })),
    ).toBe('delta.step_details.tool_calls[0].function.arguments: expected a string, received 3')
    expect(
      checkLenient('thread.run.step.delta', stepDelta({ index: 0, type: 'function', function: { output: 3 } })),
    ).toBe('delta.step_details.tool_calls[0].function.output: expected a string or null, received 3')
    const outputs = { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 5 }] } }
    expect(checkLenient('thread.run.step.delta', stepDelta(outputs))).toBe(
      'delta.step_details.tool_calls[0].code_interpreter.outputs[0].type: expected a string, received 5',
    )
    expect(checkLenient('thread.run.step.delta', stepDelta({ index: 0, type: 'file_search', file_search: 1 }))).toBe(
      'delta.step_details.tool_calls[0].file_search: expected an object, received 1',
    )
  })

  it('passes a code interpreter input fragment and checks the rest of such a call', () => {
    const fragment = { index: 0, type: 'code_interpreter', code_interpreter: { input: 'print(' } }
    expect(checkLenient('thread.run.step.delta', stepDelta(fragment))).toBe(undefined)
    expect(checkLenient('thread.run.step.delta', stepDelta({ ...fragment, id: 5 }))).toBe(
      'delta.step_details.tool_calls[0].id: expected a string, received 5',
    )
    const outputs = { input: '', outputs: [{ index: 0, type: 'logs', logs: 'ok' }] }
    expect(checkLenient('thread.run.step.delta', stepDelta({ ...fragment, code_interpreter: outputs }))).toBe(undefined)
    expect(checkLenient('thread.run.step.delta', stepDelta({ ...fragment, index: '0' }))).toBe(
      'delta.step_details.tool_calls[0].index: expected a number, received "0"',
    )
  })

  it('checks step details that are not an object', () => {
    const data = { id: 'step_1', object: 'thread.run.step.delta', delta: { step_details: 'tool_calls' } }
    expect(checkLenient('thread.run.step.delta', data)).toBe(
      'delta.step_details: expected an object, received "tool_calls"',
    )
  })

  it('takes the full check for every shape the fast paths do not cover, with the path of the problem', () => {
    const part = { index: 0, type: 'text', text: { value: 'Hi' } }
    const cases: [string, unknown, string][] = [
      ['thread.message.delta', { delta: { content: [part] } }, 'id: expected a string, received undefined'],
      ['thread.message.delta', { id: 'msg_1', delta: null }, 'delta: expected an object, received null'],
      [
        'thread.message.delta',
        { id: 'msg_1', delta: { role: 1, content: [part] } },
        'delta.role: expected a string, received 1',
      ],
      [
        'thread.message.delta',
        { id: 'msg_1', delta: { content: { length: 1, 0: part } } },
        'delta.content: expected an array, received an object',
      ],
      [
        'thread.message.delta',
        messageDelta({ index: 0, type: 'text', text: { value: 'Hi', annotations: {} } }),
        'delta.content[0].text.annotations: expected an array, received an object',
      ],
      [
        'thread.message.delta',
        { id: 'msg_1', delta: { content: [part, { index: 1, type: 'text', text: { value: null } }] } },
        'delta.content[1].text.value: expected a string, received null',
      ],
      [
        'thread.message.delta',
        { id: 'msg_1', delta: { content: [null] } },
        'delta.content[0]: expected an object, received null',
      ],
      [
        'thread.run.step.delta',
        stepDelta({ index: 0, type: 'function', id: 7, function: { arguments: '' } }),
        'delta.step_details.tool_calls[0].id: expected a string, received 7',
      ],
      [
        'thread.run.step.delta',
        stepDelta({ index: 0, type: 'function', function: { name: false, arguments: '' } }),
        'delta.step_details.tool_calls[0].function.name: expected a string, received false',
      ],
      [
        'thread.run.step.delta',
        stepDelta({ index: 0, type: 'code_interpreter', code_interpreter: { input: ['x'] } }),
        'delta.step_details.tool_calls[0].code_interpreter.input: expected a string, received an array',
      ],
    ]
    for (const [event, data, problem] of cases) expect(checkLenient(event, data), problem).toBe(problem)
  })

  it('checks the fields of a part, call or output only for its own type (what the reducer reads)', () => {
    // A text part's stray `refusal` is never read; a refusal part's is.
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'text', refusal: 2 }))).toBe(undefined)
    expect(checkLenient('thread.message.delta', messageDelta({ index: 0, type: 'refusal', refusal: 'no' }))).toBe(
      undefined,
    )
    expect(checkLenient('thread.run.step.delta', stepDelta({ index: 0, type: 'file_search', function: 1 }))).toBe(
      undefined,
    )
    const logs = {
      index: 0,
      type: 'code_interpreter',
      code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: 3 }] },
    }
    expect(checkLenient('thread.run.step.delta', stepDelta(logs))).toBe(
      'delta.step_details.tool_calls[0].code_interpreter.outputs[0].logs: expected a string, received 3',
    )
  })

  it('checks run, step, message and thread objects', () => {
    const run = { id: 'run_1', status: 'completed', required_action: null, usage: null, last_error: null }
    expect(checkLenient('thread.run.completed', run)).toBe(undefined)
    expect(checkLenient('thread.run.failed', { ...run, last_error: 'boom' })).toBe(
      'last_error: expected an object or null, received "boom"',
    )
    expect(checkLenient('thread.created', { object: 'thread' })).toBe('id: expected a string, received undefined')
    const step = { id: 'step_1', status: 'in_progress', step_details: { type: 'message_creation' } }
    expect(checkLenient('thread.run.step.created', step)).toBe(undefined)
    expect(checkLenient('thread.run.step.created', { ...step, step_details: { type: 'tool_calls' } })).toBe(
      'step_details.tool_calls: expected an array, received undefined',
    )
    const message = { id: 'msg_1', content: [{ type: 'image_file', image_file: { file_id: 'f' } }] }
    expect(checkLenient('thread.message.completed', message)).toBe(undefined)
    expect(checkLenient('thread.message.completed', { id: 'msg_1', content: [{ type: 'text' }] })).toBe(
      'content[0].text: expected an object, received undefined',
    )
  })

  it('shortens a long value in the message', () => {
    const problem = checkLenient(
      'thread.message.delta',
      messageDelta({ index: 0, type: 'text', text: 'x'.repeat(500) }),
    )
    expect(problem).toBe(`delta.content[0].text: expected an object, received "${'x'.repeat(39)}…`)
  })
})
