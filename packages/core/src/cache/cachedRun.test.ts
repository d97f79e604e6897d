import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { RunSchema } from '../schemas/index.ts'
import { cachedRun } from './cachedRun.ts'

describe('cachedRun', () => {
  it('builds a completed wire run marked cached, which the run schema accepts', () => {
    const run = cachedRun('thread_1', 'asst_1', 'msg_9', { createdAt: 1_700_000_000, model: 'gpt-4o' })
    expect(v.parse(RunSchema, run)).toEqual(run)
    expect(run).toMatchObject({
      id: 'run_cached_msg_9',
      object: 'thread.run',
      thread_id: 'thread_1',
      assistant_id: 'asst_1',
      status: 'completed',
      created_at: 1_700_000_000,
      completed_at: 1_700_000_000,
      model: 'gpt-4o',
      cached: true,
      metadata: { skein_cached: '1', skein_message: 'msg_9' },
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      last_error: null,
      required_action: null,
    })
  })

  it('defaults the time to now and the model to unknown', () => {
    const before = Math.floor(Date.now() / 1000)
    const run = cachedRun('thread_1', 'asst_1', 'msg_1')
    expect(run.created_at).toBeGreaterThanOrEqual(before)
    expect([run.model, run.instructions]).toEqual(['', null])
  })

  it.each([
    ['threadId', () => cachedRun('', 'asst_1', 'msg_1')],
    ['assistantId', () => cachedRun('thread_1', undefined as never, 'msg_1')],
    ['messageId', () => cachedRun('thread_1', 'asst_1', { id: 'msg_1' } as never)],
  ])('throws a TypeError for a bad %s', (name, make) => {
    expect(make).toThrow(new TypeError(`cachedRun: ${name} must be a non-empty string.`))
  })
})
