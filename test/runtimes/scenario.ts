// The runtime matrix's one scenario, bundled once per runtime (see bundle.ts): create an assistant and a thread, post
// a message that makes the emulator's scripted model call a function tool, stream the run to `requires_action`,
// submit the tool output on a second stream, and read the reply back over REST. It imports types only, so the
// `createClient` under test comes from the caller (the runtime's own resolution of the built `@skein/core`).
import type { AssistantTool, ClientOptions, createClient as CreateClient, Message, RunState } from '@skein/core'

/** What a runtime reports; runtimes.test.ts asserts on it. Plain JSON, so every runtime can hand it back as text. */
export interface ScenarioResult {
  /** Which runtime actually ran the scenario, detected from its globals (see {@link detectRuntime}). */
  runtime: string
  userAgent: string | null
  threadId: string
  runId: string
  /** Event names of the first stream (run creation), in order. */
  firstEvents: string[]
  /** The run status once the first stream ended. */
  firstStatus: string
  toolCall: { id: string; name: string; arguments: string } | null
  /** Event names of the second stream (submitted tool outputs), in order. */
  secondEvents: string[]
  /** The run id the second stream reported: the same run continues. */
  secondRunId: string | null
  finalStatus: string
  /** The reply as the stream accumulated it. */
  streamedText: string
  /** The newest message of the thread as `messages.list` returns it afterwards. */
  listedText: string
  listedRole: string | null
  totalTokens: number | null
}

/** The tool output; non-ASCII on purpose, so the reply that quotes it crosses multi-byte token boundaries. */
export const WEATHER_OUTPUT = 'Sunny, 21 °C in Paris ☀'

const WEATHER_TOOL: AssistantTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' } },
      required: ['location'],
    },
  },
}

interface RuntimeGlobals {
  Deno?: unknown
  Bun?: unknown
  EdgeRuntime?: unknown
  document?: unknown
  process?: { versions?: { node?: string } }
  navigator?: { userAgent?: string }
}

/**
 * Names the runtime from its globals. Deno and Bun also define `process`, so they are tested first.
 *
 * @returns `deno`, `bun`, `edge-runtime`, `workerd`, `browser`, `node` or `unknown`
 */
export function detectRuntime(): string {
  const g = globalThis as RuntimeGlobals
  if (g.Deno !== undefined) return 'deno'
  if (g.Bun !== undefined) return 'bun'
  if (typeof g.EdgeRuntime === 'string') return 'edge-runtime'
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd'
  if (g.document !== undefined) return 'browser'
  if (typeof g.process?.versions?.node === 'string') return 'node'
  return 'unknown'
}

function textOf(message: Pick<Message, 'content'> | undefined): string {
  let text = ''
  for (const part of message?.content ?? []) if (part.type === 'text') text += part.text.value
  return text
}

function lastAssistantText(state: RunState): string {
  return textOf(state.messages.filter((message) => message.role === 'assistant').at(-1))
}

/**
 * Runs the scenario against an Assistants-compatible server.
 *
 * @param createClient - `createClient` of the `@skein/core` under test
 * @param baseURL - the server's API root, e.g. `http://127.0.0.1:8787/v1`
 * @param options - extra client options (e.g. an injected `fetch`)
 * @returns what happened, for the test to assert on
 */
export async function runScenario(
  createClient: typeof CreateClient,
  baseURL: string,
  options: Omit<ClientOptions, 'baseURL'> = {},
): Promise<ScenarioResult> {
  const client = createClient({ ...options, baseURL })
  const assistant = await client.assistants.create({ model: 'gpt-4o', name: 'Skein runtime matrix' })
  const thread = await client.threads.create()
  await client.messages.create(thread.id, { role: 'user', content: 'What is the weather? Use get_weather in Paris.' })

  const first = client.runs.stream(thread.id, { assistant_id: assistant.id, tools: [WEATHER_TOOL] })
  const firstEvents: string[] = []
  for await (const event of first) firstEvents.push(event.event)
  const paused = await first.done()
  const runId = paused.run?.id ?? ''
  const call = paused.requiredAction?.submit_tool_outputs?.tool_calls[0]
  const toolCall = call ? { id: call.id, name: call.function.name, arguments: call.function.arguments } : null

  const second = client.runs.submitToolOutputsStream(thread.id, runId, {
    tool_outputs: [{ tool_call_id: toolCall?.id ?? '', output: WEATHER_OUTPUT }],
  })
  const secondEvents: string[] = []
  for await (const event of second) secondEvents.push(event.event)
  const finished = await second.done()

  const newest = await client.messages.list(thread.id, { order: 'desc', limit: 1 }).firstPage()
  const userAgent = (globalThis as RuntimeGlobals).navigator?.userAgent
  return {
    runtime: detectRuntime(),
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    threadId: thread.id,
    runId,
    firstEvents,
    firstStatus: paused.status,
    toolCall,
    secondEvents,
    secondRunId: finished.run?.id ?? null,
    finalStatus: finished.status,
    streamedText: lastAssistantText(finished),
    listedText: textOf(newest.data[0]),
    listedRole: newest.data[0]?.role ?? null,
    totalTokens: finished.usage?.total_tokens ?? null,
  }
}
