import { describe, expect, it } from 'vitest'
import { type ModelInput, type ReplyToken, scriptedModel } from './model.ts'
import { NOTES_FILE } from './replies.ts'
import type { AssistantTool, Message, Run } from './wire.ts'

function userMessage(text: string): Message {
  return {
    id: 'msg_1',
    object: 'thread.message',
    created_at: 0,
    assistant_id: null,
    thread_id: 'thread_1',
    run_id: null,
    status: 'completed',
    incomplete_details: null,
    incomplete_at: null,
    completed_at: 0,
    role: 'user',
    content: [{ type: 'text', text: { value: text, annotations: [] } }],
    attachments: [],
    metadata: {},
  }
}

const weather: AssistantTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Fetches the weather forecast for a location.',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, days: { type: 'integer' }, metric: { type: 'boolean' } },
      required: ['location'],
    },
  },
}
const time: AssistantTool = {
  type: 'function',
  function: { name: 'get_time', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
}

function input(text: string, tools: AssistantTool[] = [], run: Partial<Run> = {}): ModelInput {
  return {
    messages: [userMessage('an older message'), userMessage(text)],
    run: { tools, tool_choice: 'auto', parallel_tool_calls: true, ...run } as Run,
    tools,
    toolOutputs: [],
  }
}

const text = (tokens: readonly ReplyToken[] | undefined) =>
  (tokens ?? []).map((token) => (typeof token === 'string' ? token : token.citation.text)).join('')

describe('scriptedModel', () => {
  it('echoes the newest user message with multi-byte characters', () => {
    const plan = scriptedModel(input('hello there'))
    expect(text(plan.tokens)).toMatch(/^You said: "hello there"\. .*🧵/)
    expect(new TextEncoder().encode(text(plan.tokens)).length).toBeGreaterThan(text(plan.tokens).length)
  })

  it('gives exactly N deltas for [deltas:N]', () => {
    expect(scriptedModel(input('load test [deltas:2000]')).tokens).toHaveLength(2000)
    expect(scriptedModel(input('[deltas:1]')).tokens).toHaveLength(1)
    expect(scriptedModel(input('[deltas:0]')).tokens).toHaveLength(0)
  })

  it('gives N words for [words:N]', () => {
    expect(text(scriptedModel(input('[words:50]')).tokens).split(' ')).toHaveLength(50)
  })

  it('gives a long markdown answer and a markdown sample on request', () => {
    const long = text(scriptedModel(input('please give a long answer')).tokens)
    expect(long.split(/\s+/).length).toBeGreaterThan(500)
    expect(long).toMatch(/^# A long answer/)
    expect(text(scriptedModel(input('show me markdown')).tokens)).toContain('| column | value |')
  })

  it('calls a function named in the message, with arguments from the phrase after it', () => {
    expect(scriptedModel(input('get_weather in Paris', [weather])).toolCalls).toEqual([
      { name: 'get_weather', arguments: '{"location":"Paris"}' },
    ])
  })

  it('calls a function whose description keyword the message mentions', () => {
    expect(scriptedModel(input("What's the forecast for Rome?", [weather])).toolCalls).toEqual([
      { name: 'get_weather', arguments: '{"location":"Rome"}' },
    ])
  })

  it('types key=value pairs by the schema and takes a JSON object verbatim', () => {
    expect(scriptedModel(input('get_weather location="New York" days=3 metric=true', [weather])).toolCalls).toEqual([
      { name: 'get_weather', arguments: '{"location":"New York","days":3,"metric":true}' },
    ])
    expect(scriptedModel(input('get_weather {"location": "Oslo"} please', [weather])).toolCalls).toEqual([
      { name: 'get_weather', arguments: '{"location": "Oslo"}' },
    ])
  })

  it('makes parallel calls for two matching functions, in order of mention', () => {
    const plan = scriptedModel(input('get_time in Tokyo and get_weather in Paris', [weather, time]))
    expect(plan.toolCalls).toEqual([
      { name: 'get_time', arguments: '{"city":"Tokyo"}' },
      { name: 'get_weather', arguments: '{"location":"Paris"}' },
    ])
  })

  it('honours parallel_tool_calls: false and tool_choice', () => {
    const message = 'get_time in Tokyo and get_weather in Paris'
    expect(scriptedModel(input(message, [weather, time], { parallel_tool_calls: false })).toolCalls).toHaveLength(1)
    expect(scriptedModel(input(message, [weather, time], { tool_choice: 'none' })).toolCalls).toBeUndefined()
    const forced = { type: 'function', function: { name: 'get_time' } }
    expect(scriptedModel(input('hello', [weather, time], { tool_choice: forced })).toolCalls).toEqual([
      { name: 'get_time', arguments: '{}' },
    ])
    expect(scriptedModel(input('hello', [weather, time], { tool_choice: 'required' })).toolCalls?.[0]?.name).toBe(
      'get_weather',
    )
  })

  it('does not call a function the message does not mention', () => {
    expect(scriptedModel(input('hello', [weather, time])).toolCalls).toBeUndefined()
  })

  it('quotes the tool outputs once they are submitted', () => {
    const plan = scriptedModel({
      ...input('get_weather in Paris', [weather]),
      toolOutputs: [{ tool_call_id: 'call_1', name: 'get_weather', arguments: '{}', output: 'sunny, 21 °C' }],
    })
    expect(plan.toolCalls).toBeUndefined()
    expect(plan.text).toContain('get_weather returned "sunny, 21 °C"')
  })

  it('searches files when file_search is on and the message asks, and cites the hit', () => {
    const plan = scriptedModel(input('search the files for the answer', [{ type: 'file_search' }]))
    expect(plan.fileSearch?.results[0]).toMatchObject({ file_id: NOTES_FILE.file_id, content: NOTES_FILE.content })
    const citation = plan.tokens?.find((token) => typeof token !== 'string')
    expect(citation).toEqual({ citation: { file_id: NOTES_FILE.file_id, text: '【4:0†emulator_notes.txt】' } })
    expect(scriptedModel(input('search the files')).fileSearch).toBeUndefined()
  })

  it('greets when there is no user message', () => {
    const plan = scriptedModel({ ...input(''), messages: [] })
    expect(text(plan.tokens)).toMatch(/^Hello!/)
  })
})
