import { wireRun } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import type { Run } from '../schemas/index.ts'
import { initialRunState } from './runState.ts'
import { createThreadModel } from './threadModel.ts'
import type { ThreadMessage } from './threadSnapshot.ts'

/** A run waiting for outputs of the function calls with these ids. */
function waitingFor(...ids: string[]): Run {
  return wireRun('requires_action', {
    required_action: {
      type: 'submit_tool_outputs',
      submit_tool_outputs: {
        tool_calls: ids.map((id) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{}' } })),
      },
    },
  })
}

describe('createThreadModel setRun', () => {
  const model = () =>
    createThreadModel({ threadId: 'thread_1', throttleMs: 0 }, (m) => m as ThreadMessage, {
      onSubscribe() {},
      onUnsubscribe() {},
    })

  it('shows the calls of a later read in the same requires_action status (a poll after a dropped submit stream)', () => {
    const m = model()
    m.setRun({ ...initialRunState(), run: waitingFor('call_a') })
    expect([...m.tools.keys()]).toEqual(['call_a'])
    m.setRun({ ...initialRunState(), run: waitingFor('call_b') })
    expect([...m.tools.keys()].sort()).toEqual(['call_a', 'call_b'])
    expect(
      m
        .runSnapshot()
        .toolCalls.map((call) => [call.id, call.status])
        .sort(),
    ).toEqual([
      ['call_a', 'pending'],
      ['call_b', 'pending'],
    ])
  })

  it('keeps what the store knows of a call when the same run is read again', () => {
    const m = model()
    const run = waitingFor('call_a')
    m.setRun({ ...initialRunState(), run })
    const first = m.tools.get('call_a')
    m.setRun({ ...initialRunState(), run: waitingFor('call_a') })
    expect(m.tools.get('call_a')).toBe(first)
  })
})
