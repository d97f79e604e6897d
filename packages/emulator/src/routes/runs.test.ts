import { describe, expect, it } from 'vitest'
import type { RestMessage } from '../objects.ts'
import type { ListPage } from '../pagination.ts'
import { type Harness, harness } from '../testing/harness.ts'
import { manualClock } from '../testing/manualClock.ts'
import type { Run, RunStep } from '../wire.ts'

const RUN_KEYS = [
  'id',
  'object',
  'created_at',
  'assistant_id',
  'thread_id',
  'status',
  'started_at',
  'expires_at',
  'cancelled_at',
  'failed_at',
  'completed_at',
  'required_action',
  'last_error',
  'model',
  'instructions',
  'tools',
  'tool_resources',
  'metadata',
  'temperature',
  'top_p',
  'reasoning_effort',
  'max_completion_tokens',
  'max_prompt_tokens',
  'truncation_strategy',
  'incomplete_details',
  'usage',
  'response_format',
  'tool_choice',
  'parallel_tool_calls',
]

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } } },
  },
}

async function settled(h: Harness, threadId: string, runId: string): Promise<Run> {
  let run: Run | undefined
  await expect
    .poll(async () => {
      run = (await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${runId}`)).body
      return ['queued', 'in_progress', 'cancelling'].includes(run.status)
    })
    .toBe(false)
  return run as Run
}

describe('runRoutes', () => {
  it('creates a queued run that advances on its own to completed (polling works)', async () => {
    const h = harness()
    const assistantId = await h.assistant({ instructions: 'Be kind.' })
    const threadId = await h.thread('hello')
    const created = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    expect(Object.keys(created.body)).toEqual(RUN_KEYS)
    expect(created.body).toMatchObject({
      status: 'queued',
      started_at: null,
      usage: null,
      instructions: 'Be kind.',
      model: 'gpt-4o',
    })
    expect(created.body.expires_at).toBe(created.body.created_at + 600)
    const run = await settled(h, threadId, created.body.id)
    expect(run).toMatchObject({ status: 'completed', expires_at: null, required_action: null })
    expect(run.completed_at).toBeGreaterThanOrEqual(run.created_at)
    expect(Object.keys(run.usage ?? {})).toEqual([
      'prompt_tokens',
      'completion_tokens',
      'total_tokens',
      'prompt_token_details',
      'completion_tokens_details',
    ])
    const messages = await h.call<ListPage<RestMessage>>('GET', `/v1/threads/${threadId}/messages`)
    expect(messages.body.data[0]?.content[0]).toMatchObject({
      type: 'text',
      text: { value: expect.stringContaining('You said: "hello"') },
    })
  })

  it('sends openai-poll-after-ms on run retrieves', async () => {
    const h = harness({ pollAfterMs: 40 })
    const threadId = await h.thread('hi')
    const { body } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: await h.assistant() })
    const response = await h.raw('GET', `/v1/threads/${threadId}/runs/${body.id}`)
    expect(response.headers.get('openai-poll-after-ms')).toBe('40')
  })

  it('applies instructions, additional_instructions, model, tools and settings overrides', async () => {
    const h = harness()
    const assistantId = await h.assistant({ instructions: 'Base.', tools: [weatherTool] })
    const threadId = await h.thread('hello')
    const { body } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: assistantId,
      instructions: 'Override.',
      additional_instructions: 'Also this.',
      model: 'gpt-4o-mini',
      tools: [],
      temperature: 0.2,
      metadata: { trace: '1' },
      parallel_tool_calls: false,
      tool_choice: 'none',
      truncation_strategy: { type: 'last_messages', last_messages: 3 },
    })
    expect(body).toMatchObject({
      instructions: 'Override.\n\nAlso this.',
      model: 'gpt-4o-mini',
      tools: [],
      temperature: 0.2,
      metadata: { trace: '1' },
      parallel_tool_calls: false,
      tool_choice: 'none',
      truncation_strategy: { type: 'last_messages', last_messages: 3 },
    })
  })

  it('adds additional_messages before the run and uses them', async () => {
    const h = harness()
    const threadId = await h.thread()
    const { body } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant(),
      additional_messages: [{ role: 'user', content: 'from additional' }],
    })
    await settled(h, threadId, body.id)
    const list = await h.call<ListPage<RestMessage>>('GET', `/v1/threads/${threadId}/messages?order=asc`)
    expect(list.body.data.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(JSON.stringify(list.body.data[1]?.content)).toContain('from additional')
  })

  it("refuses a second run on a busy thread with the API's text", async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock, tokenDelayMs: 5 })
    const assistantId = await h.assistant()
    const threadId = await h.thread('hello')
    const { body: first } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    const second = await h.call('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    expect(second.status).toBe(400)
    expect(second.body).toEqual({
      error: {
        message: `Thread ${threadId} already has an active run ${first.id}.`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    })
    expect(h.emulator.stats().runsCreated).toBe(1)
  })

  it('answers 404 for an unknown assistant, run and step', async () => {
    const h = harness()
    const threadId = await h.thread('x')
    expect((await h.call('POST', `/v1/threads/${threadId}/runs`, { assistant_id: 'asst_nope' })).body).toMatchObject({
      error: { message: "No assistant found with id 'asst_nope'." },
    })
    expect((await h.call('GET', `/v1/threads/${threadId}/runs/run_nope`)).body).toMatchObject({
      error: { message: "No run found with id 'run_nope'." },
    })
    const { body: run } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant(),
    })
    const step = await h.call('GET', `/v1/threads/${threadId}/runs/${run.id}/steps/step_nope`)
    expect(step.status).toBe(404)
    expect(step.body).toMatchObject({ error: { message: "No run step found with id 'step_nope'." } })
  })

  it.each([
    [{}, "Missing required parameter: 'assistant_id'."],
    [{ assistant_id: 'a', stream: 'yes' }, "Invalid type for 'stream': expected a boolean, but got a string instead."],
    [
      { assistant_id: 'a', tool_choice: 'sometimes' },
      "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.",
    ],
    [
      { assistant_id: 'a', max_completion_tokens: 10 },
      "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 256, but got 10 instead.",
    ],
    [
      { assistant_id: 'a', additional_messages: [{ role: 'tool', content: 'x' }] },
      "Invalid value: 'tool'. Supported values are: 'user' and 'assistant'.",
    ],
    [{ assistant_id: 'a', thread: {} }, "Unknown parameter: 'thread'."],
  ])('rejects the run body %j', async (body, message) => {
    const h = harness()
    const threadId = await h.thread('x')
    const result = await h.call('POST', `/v1/threads/${threadId}/runs`, body)
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { message } })
  })

  it('lists runs and modifies run metadata', async () => {
    const h = harness()
    const assistantId = await h.assistant()
    const threadId = await h.thread('a')
    const { body: first } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    await settled(h, threadId, first.id)
    const { body: second } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    const list = await h.call<ListPage<Run>>('GET', `/v1/threads/${threadId}/runs`)
    expect(list.body.data.map((run) => run.id)).toEqual([second.id, first.id])
    const modified = await h.call<Run>('POST', `/v1/threads/${threadId}/runs/${first.id}`, { metadata: { tag: 'x' } })
    expect(modified.body.metadata).toEqual({ tag: 'x' })
  })

  it('cancels an active run: cancelling, then cancelled, with the partial message incomplete', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock, tokenDelayMs: 10 })
    const threadId = await h.thread('hello')
    const { body: run } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant(),
    })
    await expect.poll(() => control.pending()).toBe(1)
    control.tick() // one delta out
    await expect.poll(() => control.pending()).toBe(1)
    const cancel = await h.call<Run>('POST', `/v1/threads/${threadId}/runs/${run.id}/cancel`)
    expect(cancel.body.status).toBe('cancelling')
    expect((await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${run.id}`)).body.status).toBe('cancelling')
    control.tick() // the cancel settles one token delay later
    const final = await settled(h, threadId, run.id)
    expect(final).toMatchObject({ status: 'cancelled', expires_at: null })
    expect(final.cancelled_at).not.toBeNull()
    const steps = await h.call<ListPage<RunStep>>('GET', `/v1/threads/${threadId}/runs/${run.id}/steps`)
    expect(steps.body.data[0]).toMatchObject({ status: 'cancelled', type: 'message_creation' })
    const again = await h.call('POST', `/v1/threads/${threadId}/runs/${run.id}/cancel`)
    expect(again.body).toMatchObject({ error: { message: "Cannot cancel run with status 'cancelled'." } })
    // The thread is free again.
    expect((await h.call('POST', `/v1/threads/${threadId}/messages`, { role: 'user', content: 'next' })).status).toBe(
      200,
    )
  })

  it('refuses to cancel a completed run', async () => {
    const h = harness()
    const threadId = await h.thread('hello')
    const { body: run } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant(),
    })
    await settled(h, threadId, run.id)
    const result = await h.call('POST', `/v1/threads/${threadId}/runs/${run.id}/cancel`)
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { message: "Cannot cancel run with status 'completed'." } })
  })
})
