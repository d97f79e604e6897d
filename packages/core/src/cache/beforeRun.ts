import type { Client } from '../client/createClient.ts'
import type { Message, Run, RunStep } from '../schemas/index.ts'
import { cachedReplyMessage } from './cachedReply.ts'
import { cachedRun } from './cachedRun.ts'
import type { CacheLookupOptions, ResponseCache } from './createResponseCache.ts'

/**
 * What {@link ResponseCache.beforeRun} found: a hit, already posted (the reply and the completed run marked
 * `cached: true` that stands for it), or a miss with the function that stores the reply once the live run ended.
 */
export type CacheRunStart =
  | { readonly message: Message; readonly run: Run }
  | {
      /**
       * Stores the run's reply: exactly one assistant message and no tool call (a replay would skip the call).
       * Failed, cancelled, incomplete and tool-pending runs are never stored, and resolve at once.
       */
      readonly save: (run: Run, steps: readonly RunStep[], messages: readonly Message[]) => Promise<void>
    }

/**
 * The response cache's part of a run about to start (see {@link ResponseCache.beforeRun}).
 *
 * @param cache - the cache
 * @param client - the client
 * @param threadId - the thread
 * @param options - the assistant, the run overrides and the signal, as for `lookup`
 * @returns the hit, posted, or the miss's `save`
 */
export async function beforeRun(
  cache: Pick<ResponseCache, 'lookup' | 'save'>,
  client: Client,
  threadId: string,
  options: CacheLookupOptions,
): Promise<CacheRunStart> {
  const { key, hit } = await cache.lookup(client, threadId, options)
  if (hit === null) {
    return {
      async save(run, steps, messages) {
        if (run.status !== 'completed' || steps.some((step) => step.step_details.type === 'tool_calls')) return
        const replies = messages.filter((message) => message.run_id === run.id && message.role === 'assistant')
        if (replies.length === 1) await cache.save(key, replies[0]!)
      },
    }
  }
  const message = await client.messages.create(threadId, cachedReplyMessage(hit), { signal: options.signal })
  const model = options.runOptions?.['model']
  return {
    message,
    run: cachedRun(threadId, options.assistantId, message.id, { model: typeof model === 'string' ? model : undefined }),
  }
}
