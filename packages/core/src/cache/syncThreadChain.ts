import type { Client } from '../client/createClient.ts'
import { METADATA_LIMITS } from '../roles/checkMetadata.ts'
import { defaultRolesCodec } from '../roles/defaultRolesCodec.ts'
import type { Message } from '../schemas/index.ts'
import { chainHash, hashConversation } from './hashConversation.ts'
import { CHAIN_METADATA_KEY, formatChain, parseChain, type ThreadChain } from './threadChain.ts'

/**
 * How a lookup brought the chain up to date. `new`: the thread had no chain and was hashed from the start;
 * `extended`: only the messages after the recorded one were hashed; `rehashed`: the thread changed behind the chain's
 * back (the recorded message is gone, or the count before it no longer matches) and was hashed from the start.
 */
export type ChainSource = 'new' | 'extended' | 'rehashed'

/** A thread's chain after {@link syncThreadChain}. */
export interface SyncedChain {
  /** Null for a thread with no messages. */
  readonly chain: ThreadChain | null
  readonly source: ChainSource
}

const PAGE = 100

/**
 * Brings a thread's conversation hash up to date: reads the chain from the thread's metadata, lists the messages after
 * it (newest first, so the usual lookup reads one page), extends it or hashes from the start, and records the result
 * on the thread when it moved.
 *
 * @param client - the client (its `roles` codec decodes authors)
 * @param threadId - the thread
 * @param options - `verify` (see `ResponseCacheOptions.verify`) and `signal`
 * @returns the chain and how it was obtained
 */
export async function syncThreadChain(
  client: Client,
  threadId: string,
  options: { verify: 'tail' | 'full'; signal?: AbortSignal | undefined },
): Promise<SyncedChain> {
  const { verify, signal } = options
  const thread = await client.threads.retrieve(threadId, { signal })
  const metadata = thread.metadata ?? {}
  const synced = await walk(client, threadId, parseChain(metadata[CHAIN_METADATA_KEY]), verify, signal)
  const value = synced.chain === null ? undefined : formatChain(synced.chain)
  if (value !== metadata[CHAIN_METADATA_KEY]) await writeChain(client, threadId, metadata, value, signal)
  return synced
}

/** Lists the thread newest first down to the recorded last message, then extends the chain or hashes from the start. */
async function walk(
  client: Client,
  threadId: string,
  recorded: ThreadChain | null,
  verify: 'tail' | 'full',
  signal: AbortSignal | undefined,
): Promise<SyncedChain> {
  const listed: Message[] = []
  let foundAt = -1
  let complete = false
  for await (const page of client.messages.list(threadId, { order: 'desc', limit: PAGE }, { signal }).pages()) {
    for (const message of page.data) {
      if (foundAt === -1 && message.id === recorded?.lastMessageId) foundAt = listed.length
      listed.push(message)
    }
    if (!page.has_more) {
      complete = true
      break
    }
    if (foundAt !== -1 && verify === 'tail') break
  }
  // The recorded message is still there, and when the whole thread was listed the count before it still matches.
  if (recorded !== null && foundAt !== -1 && (!complete || listed.length - foundAt === recorded.count)) {
    const newer = listed.slice(0, foundAt).reverse()
    if (newer.length === 0) return { chain: recorded, source: 'extended' }
    const hash = await chainHash(recorded.hash, newer, client.roles ?? defaultRolesCodec)
    const lastMessageId = (newer.at(-1) as Message).id
    return { chain: { lastMessageId, count: recorded.count + newer.length, hash }, source: 'extended' }
  }
  // Otherwise every page was read (the loop stops early only once the recorded message is found).
  const all = listed.reverse()
  const source = recorded === null ? 'new' : 'rehashed'
  const last = all.at(-1)
  if (last === undefined) return { chain: null, source }
  return {
    chain: {
      lastMessageId: last.id,
      count: all.length,
      hash: await hashConversation(all, client.roles ?? defaultRolesCodec),
    },
    source,
  }
}

/** Records the chain in the thread's metadata, keeping the other keys (the update replaces the whole map). */
async function writeChain(
  client: Client,
  threadId: string,
  metadata: Readonly<Record<string, string>>,
  value: string | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { [CHAIN_METADATA_KEY]: _, ...rest } = metadata
  const next = value === undefined ? rest : { ...rest, [CHAIN_METADATA_KEY]: value }
  // A thread whose metadata is full (16 user keys) simply keeps no chain: every lookup then hashes it from the start.
  if (
    Object.keys(next).length > METADATA_LIMITS.pairs ||
    (value !== undefined && value.length > METADATA_LIMITS.value)
  ) {
    return
  }
  await client.threads.update(threadId, { metadata: next }, { signal })
}
