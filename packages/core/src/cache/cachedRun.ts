import type { Run } from '../schemas/index.ts'
import { CACHED_METADATA_KEY } from './cachedReply.ts'

/** Options of {@link cachedRun}. */
export interface CachedRunOptions {
  /** The model to show. @defaultValue `''` (unknown: no model ran) */
  model?: string | undefined
  /** The instructions to show. @defaultValue null */
  instructions?: string | null | undefined
  /** The run's time (Unix seconds). @defaultValue now */
  createdAt?: number | undefined
}

/** A synthetic run that answered from the cache: a completed {@link Run} with `cached: true`. */
export type CachedRun = Run & { readonly cached: true }

/**
 * Builds the completed run a cache hit shows in place of a live one, so stores and UIs render a cached reply exactly
 * like a live reply. It exists only on the client: its id (`run_cached_<messageId>`) is unknown to the server, so
 * never retrieve or cancel it. It used no tokens (`usage` is all zeros).
 *
 * @param threadId - the thread
 * @param assistantId - the assistant that would have answered
 * @param messageId - the posted cached reply (also in `metadata.skein_message`)
 * @param options - model, instructions and time to show
 * @returns the run, `status: 'completed'`, `cached: true`, `metadata.skein_cached: '1'`
 * @example
 * ```ts
 * const message = await client.messages.create(threadId, cachedReplyMessage(hit))
 * const run = cachedRun(threadId, assistantId, message.id)
 * ```
 */
export function cachedRun(
  threadId: string,
  assistantId: string,
  messageId: string,
  options: CachedRunOptions = {},
): CachedRun {
  for (const [name, value] of [
    ['threadId', threadId],
    ['assistantId', assistantId],
    ['messageId', messageId],
  ] as const) {
    if (typeof value !== 'string' || value === '') throw new TypeError(`cachedRun: ${name} must be a non-empty string.`)
  }
  const now = options.createdAt ?? Math.floor(Date.now() / 1000)
  return {
    id: `run_cached_${messageId}`,
    object: 'thread.run',
    created_at: now,
    thread_id: threadId,
    assistant_id: assistantId,
    status: 'completed',
    required_action: null,
    last_error: null,
    expires_at: null,
    started_at: now,
    cancelled_at: null,
    failed_at: null,
    completed_at: now,
    incomplete_details: null,
    model: options.model ?? '',
    instructions: options.instructions ?? null,
    tools: [],
    metadata: { [CACHED_METADATA_KEY]: '1', skein_message: messageId },
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    cached: true,
  }
}
