import { describe, expect, it } from 'vitest'
import type { RestMessage } from '../objects.ts'
import type { ListPage } from '../pagination.ts'
import { type Harness, harness } from '../testing/harness.ts'
import { manualClock } from '../testing/manualClock.ts'
import type { Run, RunStep } from '../wire.ts'

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

describe('POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs', () => {
  it('runs a function tool round trip without streaming', async () => {
    const h = harness()
    const assistantId = await h.assistant({ tools: [weatherTool] })
    const threadId = await h.thread('get_weather in Paris')
    const { body: created } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    const waiting = await settled(h, threadId, created.id)
    expect(waiting.status).toBe('requires_action')
    const call = waiting.required_action?.submit_tool_outputs.tool_calls[0]
    expect(call).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
    })
    expect(call?.id).toMatch(/^call_[A-Za-z0-9]{24}$/)
    const submitted = await h.call<Run>('POST', `/v1/threads/${threadId}/runs/${created.id}/submit_tool_outputs`, {
      tool_outputs: [{ tool_call_id: call?.id, output: 'sunny' }],
    })
    expect(submitted.body).toMatchObject({ status: 'queued', required_action: null })
    expect((await settled(h, threadId, created.id)).status).toBe('completed')
    const steps = await h.call<ListPage<RunStep>>('GET', `/v1/threads/${threadId}/runs/${created.id}/steps?order=asc`)
    expect(steps.body.data.map((step) => [step.type, step.status])).toEqual([
      ['tool_calls', 'completed'],
      ['message_creation', 'completed'],
    ])
    expect(steps.body.data[0]?.step_details).toMatchObject({ tool_calls: [{ function: { output: 'sunny' } }] })
    const messages = await h.call<ListPage<RestMessage>>('GET', `/v1/threads/${threadId}/messages?limit=1`)
    expect(JSON.stringify(messages.body.data[0]?.content)).toContain('get_weather returned \\"sunny\\"')
  })

  it('rejects bad tool outputs with the API texts', async () => {
    const h = harness()
    const assistantId = await h.assistant({
      tools: [weatherTool, { ...weatherTool, function: { ...weatherTool.function, name: 'get_time' } }],
    })
    const threadId = await h.thread('get_weather in Paris and get_time in Oslo')
    const { body: created } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, { assistant_id: assistantId })
    const waiting = await settled(h, threadId, created.id)
    const [a, b] = waiting.required_action?.submit_tool_outputs.tool_calls.map((call) => call.id) ?? []
    const path = `/v1/threads/${threadId}/runs/${created.id}/submit_tool_outputs`
    const missing = await h.call('POST', path, { tool_outputs: [{ tool_call_id: a, output: 'x' }] })
    expect(missing.body).toMatchObject({
      error: { message: `Expected tool outputs for call_ids ['${a}', '${b}'], got ['${a}']` },
    })
    const unknown = await h.call('POST', path, {
      tool_outputs: [
        { tool_call_id: a, output: 'x' },
        { tool_call_id: 'call_zzz', output: 'y' },
      ],
    })
    expect(unknown.status).toBe(400)
    expect((await h.call('POST', path, {})).body).toMatchObject({
      error: { message: "Missing required parameter: 'tool_outputs'." },
    })
    expect((await h.call('POST', path, { tool_outputs: [{ tool_call_id: a, output: 5 }] })).body).toMatchObject({
      error: { message: "Invalid type for 'tool_outputs[0].output': expected a string, but got an integer instead." },
    })
    expect((await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${created.id}`)).body.status).toBe('requires_action')
    await h.call('POST', path, {
      tool_outputs: [
        { tool_call_id: b, output: '1' },
        { tool_call_id: a, output: '2' },
      ],
    })
    await settled(h, threadId, created.id)
    expect((await h.call('POST', path, { tool_outputs: [] })).body).toMatchObject({
      error: { message: 'Runs in status "completed" do not accept tool outputs.' },
    })
  })

  it('expires a run left in requires_action past expires_at', async () => {
    const control = manualClock()
    const h = harness({ clock: control.clock })
    const threadId = await h.thread('get_weather in Paris')
    const { body: created } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant({ tools: [weatherTool] }),
    })
    expect((await settled(h, threadId, created.id)).status).toBe('requires_action')
    control.advance(601_000)
    const run = (await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${created.id}`)).body
    expect(run.status).toBe('expired')
  })
})
