/**
 * Where a thread's conversation hash stands: after `count` messages, the newest being `lastMessageId`. Kept in the
 * thread's metadata as `<lastMessageId>:<count>:<hash>` so the next lookup hashes only the messages after it.
 */
export interface ThreadChain {
  readonly lastMessageId: string
  readonly count: number
  /** The conversation hash of those `count` messages (64 hex characters). */
  readonly hash: string
}

/** The thread metadata key of the chain. */
export const CHAIN_METADATA_KEY = 'skein_chain'

const HEX64 = /^[0-9a-f]{64}$/

/**
 * Writes a chain as its metadata value. Fields are read from the right, so a message id may itself contain `:`.
 *
 * @param chain - the chain
 * @returns `<lastMessageId>:<count>:<hash>`
 */
export function formatChain(chain: ThreadChain): string {
  return `${chain.lastMessageId}:${chain.count}:${chain.hash}`
}

/**
 * Reads a chain from thread metadata. Anything malformed (someone edited the value, an older format) reads as no chain,
 * which makes the next lookup hash the thread from the start: wrong metadata costs time, never a wrong hit.
 *
 * @param value - the metadata value, if any
 * @returns the chain, or null
 */
export function parseChain(value: unknown): ThreadChain | null {
  if (typeof value !== 'string') return null
  const hashAt = value.lastIndexOf(':')
  const countAt = value.lastIndexOf(':', hashAt - 1)
  if (hashAt <= 0 || countAt <= 0) return null
  const lastMessageId = value.slice(0, countAt)
  const countText = value.slice(countAt + 1, hashAt)
  const hash = value.slice(hashAt + 1)
  if (!/^[1-9][0-9]{0,8}$/.test(countText) || !HEX64.test(hash)) return null
  return { lastMessageId, count: Number(countText), hash }
}
