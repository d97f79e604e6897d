import { describe, expect, it } from 'vitest'
import { EMPTY_CONVERSATION_HASH } from './hashConversation.ts'
import { keyedRunOptions, responseKey } from './responseKey.ts'

const HASH = 'cd'.repeat(32)

describe('responseKey', () => {
  it('is 64 hex characters and deterministic', async () => {
    const key = await responseKey(HASH, 'asst_1', { temperature: 0 })
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(await responseKey(HASH, 'asst_1', { temperature: 0 })).toBe(key)
  })

  it('changes with the conversation, the assistant and every run override', async () => {
    const base = await responseKey(HASH, 'asst_1', {})
    const keys = await Promise.all([
      responseKey(EMPTY_CONVERSATION_HASH, 'asst_1', {}),
      responseKey(HASH, 'asst_2', {}),
      responseKey(HASH, 'asst_1', { model: 'gpt-4o-mini' }),
      responseKey(HASH, 'asst_1', { instructions: 'Be brief.' }),
      responseKey(HASH, 'asst_1', { additional_instructions: 'Answer in French.' }),
      responseKey(HASH, 'asst_1', { tools: [{ type: 'file_search' }] }),
      responseKey(HASH, 'asst_1', { temperature: 0.2 }),
      responseKey(HASH, 'asst_1', { top_p: 0.5 }),
      responseKey(HASH, 'asst_1', { response_format: { type: 'json_object' } }),
      responseKey(HASH, 'asst_1', { tool_choice: 'none' }),
    ])
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1)
  })

  it('ignores key order, null and undefined values, assistant_id, metadata and stream', async () => {
    const a = await responseKey(HASH, 'asst_1', {
      temperature: 0,
      tools: [{ type: 'function', function: { name: 'f', parameters: { b: 1, a: 2 } } }],
    })
    const b = await responseKey(HASH, 'asst_1', {
      tools: [{ function: { parameters: { a: 2, b: 1 }, name: 'f' }, type: 'function' }],
      temperature: 0,
      top_p: null,
      model: undefined,
      assistant_id: 'asst_other',
      metadata: { trace: 'x' },
      stream: true,
    })
    expect(b).toBe(a)
  })

  it('rejects an empty assistant id and overrides JSON cannot carry', async () => {
    await expect(responseKey(HASH, '')).rejects.toThrow(TypeError)
    await expect(responseKey(HASH, 'asst_1', { temperature: Number.NaN })).rejects.toThrow(/NaN/)
  })
})

describe('keyedRunOptions', () => {
  it('keeps what can change the reply', () => {
    expect(keyedRunOptions({ model: 'm', metadata: {}, stream: false, top_p: null, custom: 1 })).toEqual({
      model: 'm',
      custom: 1,
    })
    expect(keyedRunOptions(undefined)).toEqual({})
  })

  it('throws a TypeError for overrides that are not an object', () => {
    expect(() => keyedRunOptions(['model'] as never)).toThrow(TypeError)
  })
})
