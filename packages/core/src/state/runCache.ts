import { cachedReplyMessage } from '../cache/cachedReply.ts'
import { cachedRun } from '../cache/cachedRun.ts'
import type { Client } from '../client/createClient.ts'
import type { Message, Run } from '../schemas/index.ts'
import type { RunOverrides } from './storeOptions.ts'
import type { ThreadModel } from './threadModel.ts'

/** What the cache says about a run about to start: a miss (with the key to save under) or a reply already posted. */
export type CacheOutcome = { readonly key: string } | { readonly message: Message; readonly run: Run }

/**
 * Looks the conversation up in the store's response cache. On a hit, posts the stored reply as an assistant message
 * (marked cached in its metadata) and builds the completed run marked `cached: true` that stands for it; no run is
 * created upstream. Returns null when no cache (or no assistant) is configured.
 *
 * @param model - the thread model (options: `cache`, `assistantId`)
 * @param client - the client
 * @param threadId - the thread
 * @param overrides - the run overrides of the run about to start
 * @param signal - aborts the lookup and the post
 * @param stillWanted - false once the store dropped this run: nothing is posted then
 * @returns the outcome, or null without a cache
 */
export async function lookupReply(
  model: ThreadModel,
  client: Client,
  threadId: string,
  overrides: RunOverrides,
  signal: AbortSignal,
  stillWanted: () => boolean,
): Promise<CacheOutcome | null> {
  const cache = model.options.cache
  const assistantId = model.options.assistantId
  if (cache === undefined || assistantId === undefined) return null
  const { key, hit } = await cache.lookup(client, threadId, { assistantId, runOptions: overrides, signal })
  if (hit === null || !stillWanted()) return { key }
  const message = await client.messages.create(threadId, cachedReplyMessage(hit), { signal })
  const runModel = typeof overrides['model'] === 'string' ? { model: overrides['model'] } : {}
  return { message, run: cachedRun(threadId, assistantId, message.id, runModel) }
}

/**
 * Stores a completed run's reply: exactly one assistant message and no tool call (a replay would skip the call).
 * Failed, cancelled, incomplete and tool-pending runs never reach the cache. A storage error is reported, never thrown.
 *
 * @param model - the thread model (its committed messages hold the reply)
 * @param key - the key `lookupReply` gave for this run
 * @param run - the run that ended
 */
export function saveReply(model: ThreadModel, key: string, run: Run): void {
  const cache = model.options.cache
  if (cache === undefined || run.status !== 'completed') return
  if (model.runState.steps.some((step) => step.step_details.type === 'tool_calls')) return
  const replies = model.committed.filter((message) => message.run_id === run.id && message.role === 'assistant')
  const reply = replies[0]
  if (replies.length !== 1 || reply === undefined) return
  cache.save(key, reply).catch((cause: unknown) => model.report(cause))
}
