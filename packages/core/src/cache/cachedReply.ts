import * as v from 'valibot'
import type { MessageContentPartParam, MessageCreateParams } from '../client/params.ts'
import { checkMetadata } from '../roles/checkMetadata.ts'
import type { Message, MessageContent, Metadata } from '../schemas/index.ts'

/** The message metadata key that marks a reply posted from the cache (`'1'`). */
export const CACHED_METADATA_KEY = 'skein_cached'

/**
 * A completed assistant reply to store: its content (wire parts such as a `Message`'s, request parts, or text), its
 * metadata and when it was created. A `Message` fits as it is; its `status` and `role`, when present, are checked.
 */
export interface CachedReply {
  content: string | readonly (MessageContent | MessageContentPartParam)[]
  metadata?: Metadata | null | undefined
  /** Unix seconds. @defaultValue now */
  created_at?: number | undefined
  /** When given (a streamed `Message`), it must be `completed`. */
  status?: string | undefined
  /** When given, it must be `assistant`. */
  role?: string | undefined
  incomplete_details?: unknown
}

/** A cache hit: the stored reply, as request content ready to post again. */
export interface CachedHit {
  readonly content: MessageContentPartParam[]
  readonly metadata: Metadata
  /** When the original reply was created (Unix seconds). */
  readonly created_at: number
  /** When it was stored (Unix milliseconds). */
  readonly stored_at: number
}

// Built on first use, not at import: an app that never reads the cache ships no valibot for it.
let schemas:
  | { part: v.GenericSchema<unknown, MessageContentPartParam>; entry: v.GenericSchema<unknown, CacheEntry> }
  | undefined

function cacheSchemas(): NonNullable<typeof schemas> {
  if (schemas !== undefined) return schemas
  const detail = v.optional(v.picklist(['auto', 'low', 'high']))
  const part = v.variant('type', [
    v.object({ type: v.literal('text'), text: v.string() }),
    v.object({ type: v.literal('image_file'), image_file: v.object({ file_id: v.string(), detail }) }),
    v.object({ type: v.literal('image_url'), image_url: v.object({ url: v.string(), detail }) }),
  ])
  /** What is written to storage. Read back through this schema: storage is shared and may hold anything. */
  const entry = v.object({
    v: v.literal(1),
    stored_at: v.number(),
    expires_at: v.nullable(v.number()),
    reply: v.object({
      content: v.pipe(v.array(part), v.minLength(1)),
      metadata: v.record(v.string(), v.string()),
      created_at: v.number(),
    }),
  })
  schemas = {
    part: part as v.GenericSchema<unknown, MessageContentPartParam>,
    entry: entry as v.GenericSchema<unknown, CacheEntry>,
  }
  return schemas
}

/**
 * The schema of a stored entry (what `createResponseCache` reads back from shared storage).
 *
 * @returns the valibot schema
 */
export function cacheEntrySchema(): v.GenericSchema<unknown, CacheEntry> {
  return cacheSchemas().entry
}

/** One stored entry. */
export interface CacheEntry {
  v: 1
  stored_at: number
  /** Unix milliseconds, or null for no expiry. */
  expires_at: number | null
  reply: { content: MessageContentPartParam[]; metadata: Metadata; created_at: number }
}

/**
 * Checks a reply and turns it into storable request content.
 *
 * @param reply - the reply
 * @param nowSeconds - the default `created_at`
 * @returns the entry's `reply`
 * @throws TypeError when the reply is not a finished, postable assistant reply (in progress, incomplete, empty, a
 * refusal, another role), or its metadata leaves no room for the cached marker
 */
export function storableReply(reply: CachedReply, nowSeconds: number): CacheEntry['reply'] {
  if (typeof reply !== 'object' || reply === null) throw new TypeError('save(key, reply): reply must be an object.')
  if (reply.status !== undefined && reply.status !== 'completed') {
    throw new TypeError(`save: only completed replies are cached; this one is ${JSON.stringify(reply.status)}.`)
  }
  if (reply.incomplete_details !== undefined && reply.incomplete_details !== null) {
    throw new TypeError('save: the reply has incomplete_details; only completed replies are cached.')
  }
  if (reply.role !== undefined && reply.role !== 'assistant') {
    throw new TypeError(`save: the reply must be an assistant message, got role ${JSON.stringify(reply.role)}.`)
  }
  const content = typeof reply.content === 'string' ? [{ type: 'text', text: reply.content }] : reply.content
  if (!Array.isArray(content)) throw new TypeError('save: reply.content must be a string or an array of parts.')
  const parts = content.map(requestPart).filter((part) => part.type !== 'text' || part.text !== '')
  if (parts.length === 0) throw new TypeError('save: the reply is empty; an empty reply is never cached.')
  const metadata = { ...reply.metadata }
  checkMetadata({ ...metadata, [CACHED_METADATA_KEY]: '1' }, 'cached reply metadata')
  const createdAt = reply.created_at ?? nowSeconds
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) {
    throw new TypeError('save: reply.created_at must be a number of Unix seconds.')
  }
  return { content: parts, metadata, created_at: createdAt }
}

function requestPart(part: unknown, index: number): MessageContentPartParam {
  const p = (typeof part === 'object' && part !== null ? part : {}) as Record<string, unknown>
  const text = p['text']
  if (p['type'] === 'text' && typeof text === 'string') return { type: 'text', text }
  if (p['type'] === 'text' && typeof (text as { value?: unknown } | null)?.value === 'string') {
    // A wire text part: its annotations point into files of the original run and cannot be posted, so only text stays.
    return { type: 'text', text: (text as { value: string }).value }
  }
  const parsed = v.safeParse(cacheSchemas().part, part)
  if (parsed.success) return parsed.output
  if (p['type'] === 'refusal')
    throw new TypeError('save: a refusal cannot be posted back as a message and is not cached.')
  throw new TypeError(`save: reply.content[${index}] is not a text, image_file or image_url part.`)
}

/**
 * The `messages.create` body that replays a hit: an assistant message with the stored content and metadata, marked
 * `skein_cached: '1'`.
 *
 * @param hit - from `cache.lookup`
 * @returns the body to post (no run is started)
 * @example
 * ```ts
 * const { key, hit } = await cache.lookup(client, threadId, { assistantId })
 * if (hit) await client.messages.create(threadId, cachedReplyMessage(hit))
 * ```
 */
export function cachedReplyMessage(hit: CachedHit): MessageCreateParams {
  return { role: 'assistant', content: hit.content, metadata: { ...hit.metadata, [CACHED_METADATA_KEY]: '1' } }
}

/**
 * Whether a message was posted from the cache.
 *
 * @param message - any message
 * @returns true when its metadata carries the cached marker
 */
export function isCachedMessage(message: Pick<Message, 'metadata'>): boolean {
  return message.metadata?.[CACHED_METADATA_KEY] === '1'
}
