// The framework-free parts both pages share: the thread list, run progress, authors and message views.
import type { Run, RunSnapshot, RunStep, ThreadMessage } from '@skein/core'
import { describe, expect, it } from 'vitest'
import { authorLabel, authorOf, sendOptionsFor } from '../../playground/src/shared/authors.ts'
import { starterPreview, starterSeed } from '../../playground/src/shared/fewShot.ts'
import { forecastOf, isCachedReply, messageStatus } from '../../playground/src/shared/messageView.ts'
import { describeRun } from '../../playground/src/shared/progress.ts'
import { createThreadList } from '../../playground/src/shared/threadList.ts'
import { createPlaygroundTools, fakeForecast } from '../../playground/src/shared/tools.ts'

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial))
  return {
    get length() {
      return data.size
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => {
      data.delete(key)
    },
    setItem: (key, value) => {
      data.set(key, value)
    },
  }
}

function msg(fields: Partial<ThreadMessage> & Record<string, unknown>): ThreadMessage {
  return {
    id: 'msg_1',
    object: 'thread.message',
    created_at: 1,
    thread_id: 'thread_1',
    role: 'user',
    content: [],
    author: { role: typeof fields.role === 'string' ? fields.role : 'user' },
    ...fields,
  }
}

function step(details: RunStep['step_details'], status: RunStep['status'] = 'in_progress'): RunStep {
  return {
    id: 'step_1',
    object: 'thread.run.step',
    created_at: 1,
    run_id: 'run_1',
    assistant_id: 'asst_1',
    thread_id: 'thread_1',
    type: details.type,
    status,
    step_details: details,
    last_error: null,
    cancelled_at: null,
    completed_at: null,
    failed_at: null,
  }
}

const idle: Pick<RunSnapshot, 'status' | 'steps' | 'toolCalls' | 'run'> = {
  status: 'idle',
  steps: [],
  toolCalls: [],
  run: null,
}

describe('createThreadList', () => {
  it('adds, selects and removes threads, and persists them', () => {
    const storage = memoryStorage()
    const list = createThreadList(storage)
    let notified = 0
    list.subscribe(() => {
      notified += 1
    })
    list.add('thread_a', 'First')
    list.add('thread_b', 'Second')
    expect(list.getSnapshot()).toEqual({
      threads: [
        { id: 'thread_b', title: 'Second' },
        { id: 'thread_a', title: 'First' },
      ],
      currentId: 'thread_b',
    })
    list.select('thread_a')
    list.remove('thread_a')
    expect(list.getSnapshot().currentId).toBeNull()
    expect(notified).toBe(4)
    expect(createThreadList(storage).getSnapshot()).toEqual({
      threads: [{ id: 'thread_b', title: 'Second' }],
      currentId: null,
    })
  })

  it('starts empty from corrupt or foreign storage', () => {
    for (const value of ['{not json', '42', '{"threads":[{"id":1}],"currentId":"thread_x"}', 'null']) {
      const list = createThreadList(memoryStorage({ 'skein.playground.threads': value }))
      expect(list.getSnapshot()).toEqual({ threads: [], currentId: null })
    }
  })

  it('works without storage and caps titles', () => {
    const list = createThreadList(null)
    list.add('thread_a', 'x'.repeat(200))
    list.add('thread_b', '')
    expect(list.getSnapshot().threads.map((t) => t.title)).toEqual(['Untitled', 'x'.repeat(60)])
  })
})

describe('describeRun', () => {
  it('names what an active run is doing', () => {
    const running = { ...idle, status: 'in_progress' as const }
    expect(describeRun(running)).toBe('Thinking…')
    expect(
      describeRun({
        ...running,
        steps: [step({ type: 'tool_calls', tool_calls: [{ id: 'c', type: 'file_search', file_search: {} }] })],
      }),
    ).toBe('Searching files…')
    expect(
      describeRun({ ...running, steps: [step({ type: 'message_creation', message_creation: { message_id: 'm' } })] }),
    ).toBe('Writing…')
    expect(
      describeRun({
        ...idle,
        status: 'requires_action',
        toolCalls: [{ id: 'c', name: 'get_weather', arguments: '{}', output: null, status: 'running' }],
      }),
    ).toBe('Calling get_weather…')
  })

  it('names terminal states', () => {
    expect(describeRun(idle)).toBe('Ready')
    expect(describeRun({ ...idle, status: 'cancelled' })).toBe('Stopped')
    expect(describeRun({ ...idle, status: 'completed', run: { id: 'r', cached: true } as unknown as Run })).toBe(
      'Done (cached)',
    )
    const failed = { id: 'r', status: 'failed', last_error: { code: 'server_error', message: 'boom' } }
    expect(describeRun({ ...idle, status: 'failed', run: failed as unknown as Run })).toBe('Failed: boom')
  })
})

describe('authorOf', () => {
  it('shows the decoded author: a custom role and name, or the wire role', () => {
    expect(authorOf(msg({ role: 'assistant' }))).toEqual({ role: 'assistant', name: null })
    expect(authorOf(msg({ author: { role: 'critic', name: 'Ada' } }))).toEqual({ role: 'critic', name: 'Ada' })
    expect(authorOf(msg({ author: { role: '' } }))).toEqual({ role: 'user', name: null })
  })

  it('labels authors', () => {
    expect(authorLabel({ role: 'user', name: null })).toBe('You')
    expect(authorLabel({ role: 'critic', name: 'Ada' })).toBe('Ada (critic)')
    expect(authorLabel({ role: 'assistant', name: 'Bot' })).toBe('Bot')
    expect(authorLabel({ role: 'critic', name: null })).toBe('critic')
  })

  it('maps "post as" to send options', () => {
    expect(sendOptionsFor({ kind: 'user', role: '', name: '' })).toEqual({})
    expect(sendOptionsFor({ kind: 'assistant', role: '', name: '' })).toEqual({ role: 'assistant' })
    expect(sendOptionsFor({ kind: 'custom', role: ' critic ', name: ' Ada ' })).toEqual({ role: 'critic', name: 'Ada' })
    expect(sendOptionsFor({ kind: 'custom', role: 'critic', name: '  ' })).toEqual({ role: 'critic' })
  })
})

describe('messageStatus', () => {
  it('prefers the local status, then the wire status, then the run outcome', () => {
    const run = { id: 'run_1', status: 'cancelled' } as Run
    expect(messageStatus(msg({ local: { status: 'failed' } }), run)).toBe('failed')
    expect(messageStatus(msg({ status: 'in_progress' }), run)).toBe('in_progress')
    expect(messageStatus(msg({ run_id: 'run_1' }), run)).toBe('incomplete')
    expect(messageStatus(msg({ run_id: 'run_0' }), run)).toBe('completed')
    expect(messageStatus(msg({}), null)).toBe('completed')
  })

  it('recognises cached replies', () => {
    expect(isCachedReply(msg({ role: 'assistant', metadata: { skein_cached: '1' } }), null)).toBe(true)
    expect(isCachedReply(msg({ role: 'user', metadata: { skein_cached: '1' } }), null)).toBe(false)
    const run = { id: 'run_cached_msg_1', cached: true, metadata: { skein_message: 'msg_1' } } as unknown as Run
    expect(isCachedReply(msg({ role: 'assistant' }), run)).toBe(true)
    expect(isCachedReply(msg({ role: 'assistant' }), { id: 'run_2' } as Run)).toBe(false)
  })
})

describe('playground tools', () => {
  const context = { signal: new AbortController().signal, call: { id: 'c', name: 'x', arguments: '{}' } }

  it('set_theme applies a valid theme and refuses anything else', () => {
    const applied: string[] = []
    const tools = createPlaygroundTools((theme) => applied.push(theme))
    expect(tools['set_theme']?.({ theme: 'dark' }, context)).toEqual({ theme: 'dark', applied: true })
    expect(() => tools['set_theme']?.({ theme: 'pink' }, context)).toThrow(/dark/)
    expect(() => tools['set_theme']?.(null, context)).toThrow()
    expect(applied).toEqual(['dark'])
  })

  it('get_weather answers a deterministic forecast and stops on abort', async () => {
    const tools = createPlaygroundTools(() => undefined)
    await expect(tools['get_weather']?.({ location: ' Oslo ' }, context)).resolves.toEqual(fakeForecast('Oslo'))
    const aborted = new AbortController()
    const pending = tools['get_weather']?.({ location: 'Oslo' }, { ...context, signal: aborted.signal })
    aborted.abort(new Error('stopped'))
    await expect(pending).rejects.toThrow('stopped')
    await expect(tools['get_weather']?.({}, context)).rejects.toThrow(/location/)
  })

  it('reads a forecast card only from a finished get_weather call', () => {
    const call = { id: 'c', name: 'get_weather', arguments: '{}', status: 'done' as const }
    expect(forecastOf({ ...call, output: JSON.stringify(fakeForecast('Oslo')) })).toEqual(fakeForecast('Oslo'))
    expect(forecastOf({ ...call, output: '{"error":"boom"}' })).toBeNull()
    expect(forecastOf({ ...call, output: 'not json' })).toBeNull()
    expect(forecastOf({ ...call, name: 'set_theme', output: JSON.stringify(fakeForecast('Oslo')) })).toBeNull()
  })
})

describe('starterSeed', () => {
  it('seeds user and assistant turns, oldest first, with a preview of the same', () => {
    expect(starterSeed([{ user: 'q', assistant: 'a' }])).toEqual([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a' },
    ])
    expect(starterSeed().map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(starterPreview().map((line) => line.text)).toEqual(starterSeed().map((m) => m.content))
  })
})
