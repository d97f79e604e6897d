import { fileSearchPlan, replyTokens, toolOutputsReply, wantsFileSearch } from './replies.ts'
import { matchFunctionCalls } from './toolMatch.ts'
import type { AssistantTool, Message, Run } from './wire.ts'

/** A tool output the client submitted, with the call it answers. */
export interface ToolOutput {
  tool_call_id: string
  name: string
  arguments: string
  output: string
}

/** What a model sees when the run asks it for the next reply. Everything is a copy: mutating it changes nothing. */
export interface ModelInput {
  /** The thread's messages, oldest first (the reply being planned is not among them). */
  messages: readonly Message[]
  /** The run as it is now, with the assistant's settings and the run's overrides already applied. */
  run: Run
  /** The run's tools (`run.tools`). */
  tools: readonly AssistantTool[]
  /** Every tool output submitted to this run so far, in order; empty on the first call. */
  toolOutputs: readonly ToolOutput[]
}

/** A function call the model wants the client to run. */
export interface PlannedToolCall {
  /** The function's name. */
  name: string
  /** The arguments: a JSON string sent as is, or an object serialized compactly. */
  arguments: string | Record<string, unknown>
}

/** One file_search hit the run reports in its `tool_calls` step. */
export interface PlannedSearchResult {
  file_id: string
  file_name: string
  /** Relevance in 0..1. @defaultValue 0.5 */
  score?: number
  /** The matched text, served when the request asked for it with `include[]`. */
  content?: string
}

/** A reply token that cites a file: its `text` is the marker streamed into the message, e.g. `【4:0†notes.txt】`. */
export interface CitationToken {
  citation: { file_id: string; text: string }
}

/** One streamed piece of the reply: one token is one `thread.message.delta`. */
export type ReplyToken = string | CitationToken

/**
 * What the run does next. `toolCalls` wins: the run stops at `requires_action` and the model is asked again once the
 * outputs are submitted. Otherwise an optional file_search step comes first, then the reply: `tokens` exactly as
 * given (one delta each), or `text` cut into 1-8 character tokens.
 */
export interface ReplyPlan {
  toolCalls?: readonly PlannedToolCall[]
  fileSearch?: { results: readonly PlannedSearchResult[] }
  text?: string
  tokens?: readonly ReplyToken[]
}

/**
 * The model behind every run: replace the scripted one with your own to drive the emulator from a test.
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ model: () => ({ text: 'Always the same answer.' }) })
 * ```
 */
export type EmulatorModel = (input: ModelInput) => ReplyPlan | Promise<ReplyPlan>

/**
 * @param messages - the thread, oldest first
 * @returns the text of the newest user message (its text parts joined), or `''`
 */
export function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]
    if (message?.role !== 'user') continue
    return message.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('\n')
  }
  return ''
}

/**
 * The default model: deterministic replies built from the newest user message (the rules are in the README):
 * function tools it names are called, `file_search` answers with a citation, `[deltas:N]`, `[words:N]`,
 * `long answer` and `markdown` shape the text, and anything else is echoed as `You said: "…"`.
 *
 * @param input - the thread, run, tools and submitted outputs
 * @returns the plan
 */
export function scriptedModel(input: ModelInput): ReplyPlan {
  if (input.toolOutputs.length > 0) return { text: toolOutputsReply(input.toolOutputs) }
  const text = lastUserText(input.messages)
  const toolCalls = matchFunctionCalls(text, input.run)
  if (toolCalls.length > 0) return { toolCalls }
  if (wantsFileSearch(text, input.tools)) return fileSearchPlan()
  return { tokens: replyTokens(text) }
}
