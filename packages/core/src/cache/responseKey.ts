import { canonicalJson } from './canonicalJson.ts'
import { sha256Hex } from './sha256Hex.ts'

// Run fields that never change the reply: who it belongs to (hashed apart), bookkeeping, and the transport.
const IGNORED: ReadonlySet<string> = new Set(['assistant_id', 'metadata', 'stream'])

/**
 * The run overrides that are part of a cache key: every field except `assistant_id`, `metadata` and `stream`, with
 * `null` and `undefined` dropped (both mean "the assistant's default"). Unknown fields are kept: if a server accepts
 * them they may change the reply.
 *
 * @param runOptions - the run body fields (`model`, `instructions`, `additional_instructions`, `tools`, ...)
 * @returns the fields that count
 * @throws TypeError when `runOptions` is not a plain object
 */
export function keyedRunOptions(runOptions: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  if (runOptions === undefined) return {}
  if (typeof runOptions !== 'object' || runOptions === null || Array.isArray(runOptions)) {
    throw new TypeError("runOptions must be an object of run fields, e.g. { model: 'gpt-4o', temperature: 0 }.")
  }
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(runOptions)) {
    if (!IGNORED.has(key) && value !== undefined && value !== null) kept[key] = value
  }
  return kept
}

/**
 * The cache key of a reply: SHA-256 over the assistant id, the run overrides (canonical JSON, sorted keys) and the
 * conversation hash.
 *
 * @param conversationHash - from `hashConversation` / `chainHash`
 * @param assistantId - the assistant that answers
 * @param runOptions - the run overrides (see {@link keyedRunOptions})
 * @returns 64 hex characters
 * @throws TypeError when the assistant id is empty or the overrides are not JSON
 * @example
 * ```ts
 * const key = await responseKey(await hashConversation(messages), 'asst_1', { temperature: 0 })
 * ```
 */
export async function responseKey(
  conversationHash: string,
  assistantId: string,
  runOptions?: Readonly<Record<string, unknown>>,
): Promise<string> {
  if (typeof assistantId !== 'string' || assistantId === '') {
    throw new TypeError('responseKey: assistantId must be a non-empty string.')
  }
  return sha256Hex(canonicalJson(['skein-response/1', assistantId, keyedRunOptions(runOptions), conversationHash]))
}
