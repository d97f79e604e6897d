// The emulator's objects have the key sets of the same objects in the real recordings (openai-dotnet captures).
import { createEmulator, type Listening, listen } from '@skein/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasFixtures, listFixtures, readFixture } from '../support/index.ts'
import { postJson, postStream, splitEvents, type WireEvent } from './sse.ts'

type Json = Record<string, unknown>
type KeySets = Map<string, Set<string>>

const INCLUDE = 'include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'

function add(sets: KeySets, kind: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return
  const set = sets.get(kind) ?? new Set<string>()
  for (const key of Object.keys(value)) set.add(key)
  sets.set(kind, set)
}

/** Files every object of every event under its kind: thread, run, step, message, deltas, usage, and nested parts. */
function collect(events: readonly WireEvent[], sets: KeySets = new Map()): KeySets {
  for (const { event, data } of events) {
    if (event === 'done' || event === 'error') continue
    const object = JSON.parse(data) as Json
    if (event === 'thread.created') add(sets, 'thread', object)
    else if (event === 'thread.run.step.delta') {
      add(sets, 'step delta', object)
      const calls = ((object['delta'] as Json)['step_details'] as Json)['tool_calls'] as Json[]
      for (const call of calls) {
        add(sets, `step delta tool call (${call['type']}${call['id'] ? ', first' : ''})`, call)
        if (call['type'] === 'function')
          add(sets, `step delta function${call['id'] ? ' (first)' : ''}`, call['function'])
      }
    } else if (event.startsWith('thread.run.step.')) {
      add(sets, 'step', object)
      add(sets, 'usage', object['usage'])
      const details = object['step_details'] as Json
      for (const call of (details['tool_calls'] as Json[] | undefined) ?? []) {
        add(sets, `step tool call (${call['type']})`, call)
        if (call['type'] === 'function') add(sets, 'step function', call['function'])
        for (const result of ((call['file_search'] as Json | undefined)?.['results'] as Json[] | undefined) ?? []) {
          add(sets, 'file_search result', result)
        }
      }
    } else if (event.startsWith('thread.run.')) {
      add(sets, 'run', object)
      add(sets, 'usage', object['usage'])
      const usage = object['usage'] as Json | null
      if (usage) {
        add(sets, 'usage.prompt_token_details', usage['prompt_token_details'])
        add(sets, 'usage.completion_tokens_details', usage['completion_tokens_details'])
      }
      const required = object['required_action'] as Json | null
      for (const call of ((required?.['submit_tool_outputs'] as Json | undefined)?.['tool_calls'] as Json[]) ?? []) {
        add(sets, 'required_action tool call', call)
      }
    } else if (event === 'thread.message.delta') {
      add(sets, 'message delta', object)
      for (const part of ((object['delta'] as Json)['content'] as Json[]) ?? []) {
        add(sets, 'message delta content', part)
        for (const annotation of ((part['text'] as Json)['annotations'] as Json[] | undefined) ?? []) {
          add(sets, 'message delta annotation', annotation)
        }
      }
    } else if (event.startsWith('thread.message.')) {
      add(sets, 'message (streamed)', object)
      for (const part of object['content'] as Json[]) {
        for (const annotation of ((part['text'] as Json)['annotations'] as Json[] | undefined) ?? []) {
          add(sets, 'message annotation', annotation)
        }
      }
    }
  }
  return sets
}

const recordings = listFixtures('.sse').filter((name) => name.startsWith('openai-dotnet_'))

let server: Listening
let emulated: KeySets

beforeAll(async () => {
  const emulator = createEmulator()
  server = await listen(emulator, { port: 0, host: '127.0.0.1' })
  const base = `${server.url}/v1`
  const tools = [
    {
      type: 'function',
      function: {
        name: 'get_current_weather',
        description: "Gets the user's current weather",
        parameters: { type: 'object', properties: {} },
      },
    },
    { type: 'file_search' },
  ]
  const { id: assistantId } = await postJson<{ id: string }>(`${base}/assistants`, { model: 'gpt-4o', tools })
  const events: WireEvent[] = []
  // A plain run, a file_search run (with include[] as the recorded client sent it), and a tool round trip.
  const plain = await postJson<{ id: string }>(`${base}/threads`, { messages: [{ role: 'user', content: 'Hello!' }] })
  const runs = `${base}/threads/${plain.id}/runs?${INCLUDE}`
  events.push(...(await postStream(runs, { assistant_id: assistantId, stream: true })))
  const search = [{ role: 'user', content: 'search the files' }]
  events.push(...(await postStream(runs, { assistant_id: assistantId, stream: true, additional_messages: search })))
  const first = await postStream(`${base}/threads/runs?${INCLUDE}`, {
    assistant_id: assistantId,
    thread: { messages: [{ role: 'user', content: 'What is the weather right now?' }] },
    stream: true,
  })
  events.push(...first)
  const run = JSON.parse(first.find((event) => event.event === 'thread.run.requires_action')?.data ?? '{}') as {
    id: string
    thread_id: string
    required_action: { submit_tool_outputs: { tool_calls: { id: string }[] } }
  }
  events.push(
    ...(await postStream(`${base}/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
      tool_outputs: run.required_action.submit_tool_outputs.tool_calls.map((call) => ({
        tool_call_id: call.id,
        output: 'warm',
      })),
      stream: true,
    })),
  )
  emulated = collect(events)
})

afterAll(async () => {
  await server.close()
})

describe.runIf(hasFixtures)('emulator objects vs the recordings', () => {
  const recorded = collect(recordings.flatMap((name) => splitEvents(readFixture(name))))

  it('reads every openai-dotnet capture', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(6)
  })

  it.each([
    'thread',
    'run',
    'step',
    'message (streamed)',
    'message delta',
    'message delta content',
    'step delta',
    'usage',
    'usage.prompt_token_details',
    'usage.completion_tokens_details',
    'required_action tool call',
    'step tool call (function)',
    'step tool call (file_search)',
    'step function',
    'step delta tool call (function, first)',
    'step delta tool call (function)',
    'step delta function (first)',
    'step delta function',
    'step delta tool call (file_search, first)',
    'file_search result',
    'message delta annotation',
    'message annotation',
  ])('%s has the recorded key set', (kind) => {
    expect(recorded.get(kind), `no ${kind} in the recordings`).toBeDefined()
    expect([...(emulated.get(kind) ?? [])].sort()).toEqual([...(recorded.get(kind) ?? [])].sort())
  })
})
