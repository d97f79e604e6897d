import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AssistantSchema } from './assistant.ts'
import { DeletedSchema, ErrorBodySchema, MetadataSchema, UsageSchema } from './common.ts'
import { MessageSchema } from './message.ts'
import { RunSchema } from './run.ts'
import { RunStepSchema } from './runStep.ts'
import { ThreadSchema } from './thread.ts'

const run = {
  id: 'run_1',
  object: 'thread.run',
  created_at: 1,
  thread_id: 'thread_1',
  assistant_id: 'asst_1',
  status: 'queued',
  required_action: null,
  last_error: null,
  expires_at: 601,
  started_at: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  incomplete_details: null,
  model: 'gpt-4o',
  instructions: null,
  tools: [{ type: 'function', function: { name: 'f', parameters: {}, strict: false } }, { type: 'bing_grounding' }],
  metadata: {},
  usage: null,
  temperature: 1.0,
  truncation_strategy: { type: 'auto', last_messages: null },
  tool_choice: 'auto',
  response_format: { type: 'json_schema', json_schema: { name: 'x', strict: null } },
  parallel_tool_calls: true,
  reasoning_effort: null,
  future_field: { kept: true },
}

const step = {
  id: 'step_1',
  object: 'thread.run.step',
  created_at: 1,
  run_id: 'run_1',
  assistant_id: 'asst_1',
  thread_id: 'thread_1',
  type: 'tool_calls',
  status: 'completed',
  step_details: {
    type: 'tool_calls',
    tool_calls: [
      { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}', output: 'ok' } },
      {
        id: 'c2',
        type: 'code_interpreter',
        code_interpreter: {
          input: '1+1',
          outputs: [
            { type: 'logs', logs: '2' },
            { type: 'image', image: { file_id: 'f' } },
          ],
        },
      },
      {
        id: 'c3',
        type: 'file_search',
        file_search: {
          results: [
            { file_id: 'f', file_name: 'a.txt', score: 0.5, attributes: {}, content: [{ type: 'text', text: 'x' }] },
          ],
        },
      },
    ],
  },
  last_error: null,
  cancelled_at: null,
  completed_at: 2,
  failed_at: null,
}

describe('RunSchema', () => {
  it('accepts a real run, null instructions and Azure tools, and keeps unknown fields', () => {
    const output = v.parse(RunSchema, run)
    expect(output.future_field).toEqual({ kept: true })
    expect(output.instructions).toBeNull()
  })

  it('accepts an Azure run without required_action, temperature or top_p', () => {
    const { required_action: _a, temperature: _t, ...azure } = run
    expect(v.safeParse(RunSchema, azure).success).toBe(true)
  })

  it('rejects an unknown status and a non-string model', () => {
    expect(v.safeParse(RunSchema, { ...run, status: 'paused' }).success).toBe(false)
    expect(v.safeParse(RunSchema, { ...run, model: 4 }).success).toBe(false)
  })
})

describe('RunStepSchema', () => {
  it('accepts expires_at (real traffic) and expired_at (spec), with or without metadata', () => {
    expect(v.safeParse(RunStepSchema, { ...step, expires_at: 9 }).success).toBe(true)
    expect(v.safeParse(RunStepSchema, { ...step, expired_at: null, metadata: { a: 'b' }, usage: null }).success).toBe(
      true,
    )
  })

  it('rejects a tool call without id', () => {
    const bad = { ...step, step_details: { type: 'tool_calls', tool_calls: [{ type: 'function', function: {} }] } }
    expect(v.safeParse(RunStepSchema, bad).success).toBe(false)
  })
})

describe('MessageSchema', () => {
  const rest = {
    id: 'msg_1',
    object: 'thread.message',
    created_at: 1,
    thread_id: 'thread_1',
    role: 'user',
    content: [
      {
        type: 'text',
        text: {
          value: 'see',
          annotations: [
            { type: 'url_citation', text: '[1]', url_citation: { url: 'https://x' }, start_index: 0, end_index: 3 },
          ],
        },
      },
      { type: 'image_url', image_url: { url: 'https://img', detail: 'auto' } },
      { type: 'refusal', refusal: 'no' },
    ],
    assistant_id: null,
    run_id: null,
    attachments: [],
    metadata: {},
  }

  it('accepts a REST message without status, completed_at and incomplete fields', () => {
    expect(v.safeParse(MessageSchema, rest).success).toBe(true)
  })

  it('rejects an unknown content type and an unknown role', () => {
    expect(v.safeParse(MessageSchema, { ...rest, content: [{ type: 'video' }] }).success).toBe(false)
    expect(v.safeParse(MessageSchema, { ...rest, role: 'system' }).success).toBe(false)
  })
})

describe('ErrorBodySchema', () => {
  it('accepts the OpenAI error and the Azure one with every field missing or null', () => {
    expect(v.safeParse(ErrorBodySchema, { message: 'x', type: 'server_error', param: null, code: null }).success).toBe(
      true,
    )
    expect(v.safeParse(ErrorBodySchema, {}).success).toBe(true)
    expect(v.safeParse(ErrorBodySchema, { message: null }).success).toBe(true)
  })
})

describe('MetadataSchema', () => {
  it('drops __proto__ and constructor keys instead of writing them onto a prototype', () => {
    const output = v.parse(MetadataSchema, JSON.parse('{"__proto__":"x","constructor":"y","ok":"z"}'))
    expect(output).toEqual({ ok: 'z' })
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
  })

  it('rejects non-string values', () => {
    expect(v.safeParse(MetadataSchema, { n: 1 }).success).toBe(false)
  })
})

describe('other wire objects', () => {
  it('parse threads, assistants, usage and deletions', () => {
    expect(
      v.safeParse(ThreadSchema, { id: 't', object: 'thread', created_at: 1, metadata: {}, tool_resources: {} }).success,
    ).toBe(true)
    const assistant = {
      id: 'a',
      object: 'assistant',
      created_at: 1,
      name: null,
      model: 'm',
      instructions: null,
      tools: [],
      metadata: {},
    }
    expect(v.safeParse(AssistantSchema, assistant).success).toBe(true)
    const usage = {
      prompt_tokens: 1,
      completion_tokens: 1,
      total_tokens: 2,
      prompt_token_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    }
    expect(v.parse(UsageSchema, usage)).toEqual(usage)
    expect(v.safeParse(DeletedSchema, { id: 't', object: 'thread.deleted', deleted: true }).success).toBe(true)
  })
})
