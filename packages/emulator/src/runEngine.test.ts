import { describe, expect, it } from 'vitest'
import { hasFixtures, readFixture } from '../../../test/support/index.ts'
import type { RestMessage } from './objects.ts'
import type { ListPage } from './pagination.ts'
import { collapsedNames, type Harness, harness, parseSse, type TestEvent } from './testing/harness.ts'
import type { Message, Run } from './wire.ts'

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: "Gets the user's current weather",
    parameters: { type: 'object', properties: {} },
  },
}

const data = <T>(event: TestEvent | undefined): T => JSON.parse(event?.data ?? 'null') as T
const recorded = (name: string) => collapsedNames(parseSse(readFixture(name)))

async function streamRun(h: Harness, text: string, assistant: Record<string, unknown> = {}) {
  const threadId = await h.thread(text)
  const assistantId = await h.assistant(assistant)
  return {
    threadId,
    events: await h.stream(`/v1/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true }),
  }
}

function deltaText(events: readonly TestEvent[]): string {
  return events
    .filter((event) => event.event === 'thread.message.delta')
    .map((event) => data<{ delta: { content: { text: { value: string } }[] } }>(event).delta.content[0]?.text.value)
    .join('')
}

describe.runIf(hasFixtures)('run streams vs the recordings', () => {
  it('a plain run emits the recorded event order', async () => {
    const { events } = await streamRun(harness(), 'How are you?')
    expect(collapsedNames(events)).toEqual(recorded('openai-dotnet_StreamingRunWorks_run-create.sse'))
  })

  it('create-thread-and-run with a function tool stops at requires_action + done, as recorded', async () => {
    const h = harness()
    const assistantId = await h.assistant({ tools: [weatherTool] })
    const events = await h.stream('/v1/threads/runs', {
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: "What's the weather right now?" }] },
      stream: true,
    })
    expect(collapsedNames(events)).toEqual(
      recorded('openai-dotnet_StreamingToolCall_thread-and-run_requires-action.sse'),
    )
  })

  it('the submit_tool_outputs stream opens with the completed tool step, as recorded', async () => {
    const h = harness()
    const assistantId = await h.assistant({ tools: [weatherTool] })
    const first = await h.stream('/v1/threads/runs', {
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: 'weather please' }] },
      stream: true,
    })
    const run = data<Run>(first.find((event) => event.event === 'thread.run.requires_action'))
    const call = run.required_action?.submit_tool_outputs.tool_calls[0]
    const events = await h.stream(`/v1/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
      tool_outputs: [{ tool_call_id: call?.id, output: 'warm and sunny' }],
      stream: true,
    })
    expect(collapsedNames(events)).toEqual(recorded('openai-dotnet_StreamingToolCall_submit-tool-outputs.sse'))
    expect(data(events[0])).toMatchObject({
      status: 'completed',
      step_details: { tool_calls: [{ id: call?.id, function: { output: 'warm and sunny' } }] },
    })
    expect(deltaText(events)).toContain('get_current_weather returned "warm and sunny"')
  })

  it('a file_search run emits the recorded order and a citation streamed like the real one', async () => {
    const { events } = await streamRun(harness(), 'search the files', { tools: [{ type: 'file_search' }] })
    expect(collapsedNames(events)).toEqual(
      recorded('openai-dotnet_FileSearchStreamingWorks_run-create_file-search.sse'),
    )
    const cited = events.find((event) => event.data.includes('file_citation') && event.event === 'thread.message.delta')
    const annotation = data<{ delta: { content: { text: { value: string; annotations: unknown[] } }[] } }>(cited).delta
      .content[0]?.text
    expect(annotation?.annotations).toEqual([
      {
        index: 0,
        type: 'file_citation',
        text: annotation?.value,
        start_index: 40,
        end_index: 40 + (annotation?.value.length ?? 0),
        file_citation: { file_id: 'file-SkeinEmulatorNotes0001', quote: '' },
      },
    ])
    const completed = data<Message>(events.find((event) => event.event === 'thread.message.completed'))
    const part = completed.content[0]
    expect(part?.type === 'text' && part.text.annotations[0]).toEqual({
      type: 'file_citation',
      text: '【4:0†emulator_notes.txt】',
      start_index: 40,
      end_index: 64,
      file_citation: { file_id: 'file-SkeinEmulatorNotes0001' },
    })
    expect(part?.type === 'text' && part.text.value.slice(40, 64)).toBe('【4:0†emulator_notes.txt】')
  })
})

describe('createRunEngine (streamed)', () => {
  it('streams deltas that add up to the completed message; only the first carries annotations: []', async () => {
    const { events } = await streamRun(harness(), 'hello 🧵 world')
    const deltas = events.filter((event) => event.event === 'thread.message.delta')
    expect(deltas[0]?.data).toContain('"annotations":[]')
    expect(deltas.slice(1).every((event) => !event.data.includes('annotations'))).toBe(true)
    const completed = data<Message>(events.find((event) => event.event === 'thread.message.completed'))
    expect(completed.content[0]).toEqual({ type: 'text', text: { value: deltaText(events), annotations: [] } })
    expect(completed).toMatchObject({ status: 'completed', incomplete_details: null, incomplete_at: null })
  })

  it('gives exactly N message deltas for [deltas:N]', async () => {
    const { events } = await streamRun(harness(), 'render load [deltas:2000]')
    expect(events.filter((event) => event.event === 'thread.message.delta')).toHaveLength(2000)
    expect(events.at(-1)).toEqual({ event: 'done', data: '[DONE]' })
  })

  it('streams parallel function calls at index 0 and 1, arguments in several fragments', async () => {
    const h = harness()
    const tools = ['get_weather', 'get_time'].map((name) => ({
      type: 'function',
      function: { name, parameters: { type: 'object', properties: { location: { type: 'string' } } } },
    }))
    const { events } = await streamRun(h, 'get_weather in Paris and get_time in Tokyo', { tools })
    const deltas = events
      .filter((event) => event.event === 'thread.run.step.delta')
      .map(
        (event) =>
          data<{ delta: { step_details: { tool_calls: Record<string, unknown>[] } } }>(event).delta.step_details
            .tool_calls[0],
      )
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '', output: null },
    })
    const second = deltas.findIndex((delta) => delta?.['index'] === 1)
    expect(deltas[second]).toMatchObject({ index: 1, function: { name: 'get_time', arguments: '' } })
    const argsOf = (index: number) =>
      deltas
        .filter((delta) => delta?.['index'] === index && delta['id'] === undefined)
        .map((delta) => (delta?.['function'] as { arguments: string } | undefined)?.arguments ?? '')
    expect(argsOf(0).length).toBeGreaterThan(1)
    expect(argsOf(0).join('')).toBe('{"location":"Paris"}')
    expect(argsOf(1).join('')).toBe('{"location":"Tokyo"}')
    const run = data<Run>(events.find((event) => event.event === 'thread.run.requires_action'))
    expect(run.required_action?.submit_tool_outputs.tool_calls.map((call) => call.function.arguments)).toEqual([
      '{"location":"Paris"}',
      '{"location":"Tokyo"}',
    ])
  })

  it('sends the SSE content type', async () => {
    const h = harness()
    const threadId = await h.thread('x')
    const response = await h.raw('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant(),
      stream: true,
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('x-request-id')).toMatch(/^req_/)
    await response.body?.cancel()
  })

  it('uses a custom model, given copies of the thread, run and tools', async () => {
    const seen: string[] = []
    const h = harness({
      model: (input) => {
        seen.push(input.run.id, String(input.messages.length))
        input.run.metadata['mutated'] = 'yes' // mutating the copy changes nothing
        return { tokens: ['A', 'B', { citation: { file_id: 'file-x', text: '[1]' } }] }
      },
    })
    const { events, threadId } = await streamRun(h, 'anything')
    expect(deltaText(events)).toBe('AB[1]')
    expect(seen[1]).toBe('1')
    const list = await h.call<ListPage<RestMessage>>('GET', `/v1/threads/${threadId}/messages`)
    expect(list.body.data).toHaveLength(2)
    const runs = await h.call<ListPage<Run>>('GET', `/v1/threads/${threadId}/runs`)
    expect(runs.body.data[0]?.metadata).toEqual({})
  })

  it('fails the run with a server_error when the model throws', async () => {
    const h = harness({ model: () => Promise.reject(new Error('boom')) })
    const { events } = await streamRun(h, 'x')
    expect(collapsedNames(events).slice(-2)).toEqual(['thread.run.failed', 'done'])
    expect(data<Run>(events.at(-2)).last_error).toEqual({
      code: 'server_error',
      message: "The emulator's model failed: boom",
    })
  })
})
