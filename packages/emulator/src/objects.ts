// Builders and views of the wire objects, with the recordings' field order and REST-vs-stream differences.
import type { MessageInput } from './bodies.ts'
import type { Message, MessageContent, RunStep, Thread, Usage } from './wire.ts'

/** A run lives 10 minutes before it expires, as on the real API (`expires_at = created_at + 600`). */
export const RUN_TTL_SECONDS = 600

/**
 * @param fields - the message's identity and content
 * @returns a message in its full (streamed) shape
 */
export function buildMessage(fields: {
  id: string
  thread_id: string
  created_at: number
  input: MessageInput
  assistant_id?: string | null
  run_id?: string | null
  status?: Message['status']
}): Message {
  const status = fields.status ?? 'completed'
  return {
    id: fields.id,
    object: 'thread.message',
    created_at: fields.created_at,
    assistant_id: fields.assistant_id ?? null,
    thread_id: fields.thread_id,
    run_id: fields.run_id ?? null,
    status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: status === 'completed' ? fields.created_at : null,
    role: fields.input.role,
    content: fields.input.content,
    attachments: fields.input.attachments,
    metadata: fields.input.metadata,
  }
}

/** A message as the REST endpoints return it: without `status`, `incomplete_details`, `completed_at`, `incomplete_at`. */
export type RestMessage = Omit<Message, 'status' | 'incomplete_details' | 'completed_at' | 'incomplete_at'>

/**
 * @param message - the stored message
 * @returns its REST view (a copy)
 */
export function restMessage(message: Message): RestMessage {
  const { status, incomplete_details, completed_at, incomplete_at, ...rest } = structuredClone(message)
  return rest
}

/**
 * The thread's `tool_resources` as served by `GET /threads/{id}` and the `thread.created` event, which always show a
 * `code_interpreter` entry (the create/modify responses echo what was sent instead, as the real API did).
 *
 * @param thread - the stored thread
 * @returns a copy with `tool_resources.code_interpreter` filled in
 */
export function readThread(thread: Thread): Thread {
  const copy = structuredClone(thread)
  copy.tool_resources = { code_interpreter: { file_ids: [] }, ...copy.tool_resources }
  return copy
}

/**
 * @param step - the stored step
 * @param includeContent - whether `include[]` asked for file_search result content
 * @returns a copy, without file_search `content` unless asked for
 */
export function viewStep(step: RunStep, includeContent: boolean): RunStep {
  const copy = structuredClone(step)
  if (!includeContent && copy.step_details.type === 'tool_calls') {
    for (const call of copy.step_details.tool_calls) {
      if (call.type === 'file_search') for (const result of call.file_search.results) delete result.content
    }
  }
  return copy
}

/** The only `include[]` value the API knows. */
export const FILE_SEARCH_CONTENT = 'step_details.tool_calls[*].file_search.results[*].content'

/**
 * @param query - the request's search params
 * @returns whether `include[]` (or `include`) asks for file_search result content
 */
export function wantsContent(query: URLSearchParams): boolean {
  return [...query.entries()].some(([key, value]) => key.startsWith('include') && value === FILE_SEARCH_CONTENT)
}

/**
 * @param prompt - prompt tokens
 * @param completion - completion tokens
 * @returns a usage object with the 2025 detail objects
 */
export function usage(prompt: number, completion: number): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_token_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  }
}

/**
 * @param items - usages to add up
 * @returns their sum, or `null` when there is none
 */
export function sumUsage(items: readonly (Usage | null)[]): Usage | null {
  const present = items.filter((item): item is Usage => item !== null)
  if (present.length === 0) return null
  return usage(
    present.reduce((sum, item) => sum + item.prompt_tokens, 0),
    present.reduce((sum, item) => sum + item.completion_tokens, 0),
  )
}

/**
 * A rough, deterministic token count (4 characters per token), for `usage`.
 *
 * @param texts - the texts the model read
 * @returns the count
 */
export function countTokens(texts: readonly (string | null | undefined)[]): number {
  const chars = texts.reduce((sum, text) => sum + (text?.length ?? 0), 0)
  return Math.max(1, Math.ceil(chars / 4))
}

/**
 * @param content - message content
 * @returns its text parts joined
 */
export function contentText(content: readonly MessageContent[]): string {
  return content.map((part) => (part.type === 'text' ? part.text.value : '')).join('\n')
}
