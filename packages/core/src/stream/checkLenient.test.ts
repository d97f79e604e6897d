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

  it('checks step details that are not an object', () => {
    const data = { id: 'step_1', object: 'thread.run.step.delta', delta: { step_details: 'tool_calls' } }
    expect(checkLenient('thread.run.step.delta', data)).toBe(
      'delta.step_details: expected an object, received "tool_calls"',
    )
  })
})
