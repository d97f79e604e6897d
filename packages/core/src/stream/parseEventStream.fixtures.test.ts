import {
  chunkAtRandom,
  chunkBytes,
  hasFixtures,
  listFixtures,
  readFixture,
  readFixtureBytes,
  streamOf,
} from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent, KnownStreamEvent, Validation } from '../schemas/event.ts'
import type { FunctionToolCall } from '../schemas/toolCall.ts'
import { messageText } from '../state/messageText.ts'
import { reduceRun } from '../state/reduceRun.ts'
import { initialRunState, type RunState } from '../state/runState.ts'
import { strict } from '../strict.ts'
import { parseEventStream } from './parseEventStream.ts'

const DOCS_EXAMPLE = 'openai-openapi_docs-example_createRun-streaming.sse'
const PHP = 'openai-php_ThreadRunStreamResponse.txt'
const FILE_SEARCH = 'openai-dotnet_FileSearchStreamingWorks_run-create_file-search.sse'
const AZURE = 'azure-sdk-python_main_stream_response_parallel-tool-calls.sse'
const RECORDED = listFixtures('.sse').filter((name: string) => name !== DOCS_EXAMPLE)

const encoder = new TextEncoder()

async function collect(chunks: readonly Uint8Array[], validation?: Validation): Promise<AssistantStreamEvent[]> {
  const events: AssistantStreamEvent[] = []
  for await (const event of parseEventStream(streamOf(chunks), { validation })) events.push(event)
  return events
}

async function failure(chunks: readonly Uint8Array[], validation?: Validation): Promise<unknown> {
  try {
    await collect(chunks, validation)
  } catch (error) {
    return error
  }
  throw new Error('expected the stream to fail')
}

/** An independent reading of a recorded file: every `event:` line followed by its `data:` line (all are one-liners). */
function naiveEvents(text: string): { event: string; data: unknown }[] {
  const events: { event: string; data: unknown }[] = []
  let name = ''
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.startsWith('event: ')) name = line.slice(7)
    else if (line.startsWith('data: ') && name !== 'done') events.push({ event: name, data: JSON.parse(line.slice(6)) })
  }
  return events
}

function known(events: readonly AssistantStreamEvent[]): KnownStreamEvent[] {
  return events.filter((event): event is KnownStreamEvent => !('unknown' in event))
}

/** Reduces the events and checks, at each `thread.message.completed`, that the streamed text equals the server's. */
function reduceChecked(events: readonly KnownStreamEvent[], start: RunState = initialRunState()): RunState {
  let state = start
  for (const event of events) {
    if (event.event === 'thread.message.completed') {
      const streamed = state.messages.find((message) => message.id === event.data.id)
      expect(streamed, `message ${event.data.id} was streamed`).toBeDefined()
      expect(messageText(streamed!)).toBe(messageText(event.data))
    }
    state = reduceRun(state, event)
  }
  return state
}

function streamedFunctionCalls(state: RunState): FunctionToolCall[] {
  return state.steps.flatMap((step) =>
    step.step_details.type === 'tool_calls'
      ? step.step_details.tool_calls.filter((call): call is FunctionToolCall => call.type === 'function')
      : [],
  )
}

describe.runIf(hasFixtures)('parseEventStream (recorded streams)', () => {
  it('finds the recorded streams', () => {
    expect(RECORDED.length).toBeGreaterThanOrEqual(7)
  })

  for (const name of RECORDED) {
    describe(name, () => {
      const bytes = readFixtureBytes(name)

      it('yields the recorded events in order, without done', async () => {
        const events = await collect([bytes])
        expect(events).toEqual(naiveEvents(readFixture(name)))
        expect(events.some((event) => event.event === 'done')).toBe(false)
      })

      it('yields the same events byte by byte and at 200 seeded random splits', async () => {
        const whole = await collect([bytes])
        expect(await collect(chunkBytes(bytes, 1))).toEqual(whole)
        expect(await collect(chunkAtRandom(bytes, 200))).toEqual(whole)
      })

      it('is accepted by strict validation, with the same data', async () => {
        expect(await collect(chunkAtRandom(bytes, 200), strict)).toEqual(await collect([bytes], 'lenient'))
      })

      it('reduces to the completed texts and the final run status', async () => {
        const events = known(await collect([bytes]))
        const state = reduceChecked(events)
        const lastRun = events
          .filter(
            (event) =>
              event.event.startsWith('thread.run.') && typeof event.data === 'object' && 'status' in event.data,
          )
          .at(-1)
        expect(lastRun).toBeDefined()
        expect(state.status).toBe((lastRun!.data as { status: string }).status)
        if (state.status === 'requires_action') {
          const required = state.requiredAction?.submit_tool_outputs?.tool_calls ?? []
          expect(required.length).toBeGreaterThan(0)
          const streamed = streamedFunctionCalls(state)
          expect(streamed.map((call) => [call.id, call.function.name, call.function.arguments])).toEqual(
            required.map((call) => [call.id, call.function.name, call.function.arguments]),
          )
        }
      })
    })
  }

  it('accumulates both parallel tool calls of the Azure capture', async () => {
    const state = reduceChecked(known(await collect(chunkAtRandom(readFixtureBytes(AZURE), 200))))
    const calls = streamedFunctionCalls(state)
    expect(calls).toHaveLength(2)
    expect(calls.map((call) => call.id)).toEqual(['call_01', 'call_02'])
    expect(JSON.parse(calls[1]!.function.arguments)).toEqual({ location: 'New York' })
  })

  it('streams the file_search citation as a structured annotation', async () => {
    const events = known(await collect([readFixtureBytes(FILE_SEARCH)]))
    const completedAt = events.findIndex((event) => event.event === 'thread.message.completed')
    const before = events.slice(0, completedAt).reduce(reduceRun, initialRunState())
    const part = before.messages.at(-1)?.content[0]
    expect(part?.type).toBe('text')
    const annotations = part?.type === 'text' ? part.text.annotations : []
    expect(annotations).toEqual([
      {
        type: 'file_citation',
        text: '【4:0†favorite_foods.txt】',
        start_index: 29,
        end_index: 53,
        file_citation: { file_id: 'file-CyHtsk7XAWdRabQUBYRjCu', quote: '' },
      },
    ])
  })

  it('decodes a split inside the 3-byte UTF-8 sequence of 【', async () => {
    const bytes = readFixtureBytes(FILE_SEARCH)
    const marker = encoder.encode('【')
    const at = bytes.findIndex((_: number, i: number) => marker.every((byte, j) => bytes[i + j] === byte))
    expect(at).toBeGreaterThan(0)
    const whole = await collect([bytes])
    for (const cut of [at + 1, at + 2]) {
      expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole)
    }
    expect(JSON.stringify(whole)).toContain('【4:0†favorite_foods.txt】')
  })

  it('continues a requires_action state with the submit-tool-outputs stream', async () => {
    const first = reduceChecked(
      known(await collect([readFixtureBytes('openai-dotnet_StreamingToolCall_thread-and-run_requires-action.sse')])),
    )
    const second = known(await collect([readFixtureBytes('openai-dotnet_StreamingToolCall_submit-tool-outputs.sse')]))
    expect(second[0]?.event).toBe('thread.run.step.completed')
    const state = reduceChecked(second, first)
    expect(state.status).toBe('completed')
    expect(state.steps).toHaveLength(2)
    expect(streamedFunctionCalls(state)[0]?.function.output).toBe('warm and sunny')
    expect(state.thread?.id).toBe(first.thread?.id)
  })

  describe(PHP, () => {
    // The file is a hand-edited capture without blank lines between events. Parsed as the SSE standard says, no event
    // is ever dispatched (an event ends at a blank line), so the stream yields nothing and fails as truncated.
    const bytes = readFixtureBytes(PHP)

    it('yields no event and ends in a network error, however it is chunked', async () => {
      for (const chunks of [[bytes], chunkBytes(bytes, 1), chunkAtRandom(bytes, 200)]) {
        const error = await failure(chunks)
        expect(AssistantsError.is(error) && error.code).toBe('network')
        expect((error as Error).message).toMatch(/^The stream ended before the run finished: no complete event/)
      }
    })

    it('parses, validates strictly and reduces once framed with blank lines', async () => {
      const framed = encoder.encode(readFixture(PHP).replace(/\n(?=event: )/g, '\n\n'))
      const events = await collect(chunkAtRandom(framed, 200), strict)
      expect(events).toEqual(naiveEvents(readFixture(PHP)))
      // Its final `event: done` has no data line, so SSE never dispatches it; the stream still ends cleanly because
      // `thread.run.completed` came first.
      expect(events.at(-1)?.event).toBe('thread.run.completed')
      expect(reduceChecked(known(events)).status).toBe('completed')
    })
  })

  describe(DOCS_EXAMPLE, () => {
    // Hand-written docs example: its Run `data:` lines are invalid JSON; the first event already fails.
    const bytes = readFixtureBytes(DOCS_EXAMPLE)

    it('ends in a clear invalid_event error in every mode and chunking', async () => {
      for (const validation of [strict, 'lenient', 'off'] as const) {
        for (const chunks of [[bytes], chunkBytes(bytes, 1), chunkAtRandom(bytes, 200)]) {
          const error = await failure(chunks, validation)
          expect(AssistantsError.is(error) && error.code).toBe('invalid_event')
          expect((error as AssistantsError).event).toBe('thread.run.created')
          expect((error as Error).message).toMatch(/^thread\.run\.created: data is not valid JSON/)
        }
      }
    })
  })

  describe('vercel-ai-pr1949_use-assistant_firstRun.events.json', () => {
    const events = JSON.parse(readFixture('vercel-ai-pr1949_use-assistant_firstRun.events.json')) as KnownStreamEvent[]

    it('reduces to the completed message and run', () => {
      const state = reduceChecked(events)
      expect(state.status).toBe('completed')
      expect(state.messages.map(messageText)).toEqual(['Hello! How can I assist you today?'])
      expect(state.steps).toHaveLength(1)
      expect(state.usage?.total_tokens).toBeGreaterThan(0)
    })
  })
})
