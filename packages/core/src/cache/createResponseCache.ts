import { createStorage, type Storage } from 'unstorage'
import * as v from 'valibot'
import type { Client } from '../client/createClient.ts'
import { beforeRun, type CacheRunStart } from './beforeRun.ts'
import { type CachedHit, type CachedReply, type CacheEntry, cacheEntrySchema, storableReply } from './cachedReply.ts'
import { canonicalJson } from './canonicalJson.ts'
import { EMPTY_CONVERSATION_HASH } from './hashConversation.ts'
import { keyedRunOptions, responseKey } from './responseKey.ts'
import { type ChainSource, syncThreadChain } from './syncThreadChain.ts'
import type { ThreadChain } from './threadChain.ts'

/** Options of {@link createResponseCache}. */
export interface ResponseCacheOptions {
  /** Where replies live: any unstorage `Storage` (IndexedDB, Redis, Cloudflare KV, ...). @defaultValue in memory */
  storage?: Storage | undefined
  /** Seconds a reply stays valid. Checked on every read, and passed to drivers that expire keys themselves. @defaultValue forever */
  ttl?: number | undefined
  /** The storage key prefix: entries are `<prefix>:<key>`. @defaultValue `'skein:reply'` */
  prefix?: string | undefined
  /**
   * How a lookup checks the thread against its recorded chain. `tail` lists only the messages after the recorded last
   * one (one request for the usual one or two new messages) and verifies the count whenever that listing reached the
   * start of the thread (always, for threads up to 100 messages); `full` lists the whole thread every time, so a message
   * deleted from the middle of a long thread is caught too.
   * @defaultValue `'tail'`
   */
  verify?: 'tail' | 'full' | undefined
}

/** Options of {@link ResponseCache.lookup}. */
export interface CacheLookupOptions {
  /** The assistant that would answer. */
  assistantId: string
  /** The run overrides of the run about to start (`model`, `instructions`, `additional_instructions`, `tools`, ...). */
  runOptions?: Readonly<Record<string, unknown>> | undefined
  signal?: AbortSignal | undefined
}

/** The answer of {@link ResponseCache.lookup}. */
export interface CacheLookupResult {
  /** The reply's cache key: pass it to `save` once the live run completed. */
  readonly key: string
  /** The stored reply, or null on a miss. */
  readonly hit: CachedHit | null
  /** The thread's chain after this lookup (null for an empty thread). */
  readonly chain: ThreadChain | null
  /** How the chain was brought up to date (see {@link ChainSource}). */
  readonly source: ChainSource
}

/** Options of the storage calls. */
export interface CacheCallOptions {
  signal?: AbortSignal | undefined
}

/** A response cache: replies keyed by everything that determines them. */
export interface ResponseCache {
  /**
   * Computes the key of the reply the next run on `threadId` would give, keeping the thread's chain hash up to date
   * (GET thread, GET the new messages, POST the thread's metadata when the chain moved), and reads the cache.
   */
  lookup(client: Client, threadId: string, options: CacheLookupOptions): Promise<CacheLookupResult>
  /**
   * Stores the reply of a run that COMPLETED. Refuses (TypeError) replies that are in progress, incomplete, empty,
   * refusals or not the assistant's.
   */
  save(key: string, reply: CachedReply, options?: CacheCallOptions): Promise<void>
  /** Reads one entry (null when absent, expired or unreadable). */
  get(key: string, options?: CacheCallOptions): Promise<CachedHit | null>
  /** Forgets one entry. */
  remove(key: string, options?: CacheCallOptions): Promise<void>
  /**
   * What a thread store does before each run: looks the conversation up; on a hit posts the stored reply as an
   * assistant message and returns it with the completed run marked `cached: true` that stands for it (no run is
   * created upstream); on a miss returns `save`, which stores the run's reply once the run completed.
   */
  beforeRun(client: Client, threadId: string, options: CacheLookupOptions): Promise<CacheRunStart>
  /** The storage behind the cache. */
  readonly storage: Storage
}

const KEY = /^[0-9a-f]{64}$/
const PREFIX = /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$/

/**
 * Creates a response cache on unstorage. It uses Web Crypto and web APIs only, so it runs in browsers, workers, Deno,
 * Bun and Node alike.
 *
 * @param options - storage, ttl (seconds), key prefix and chain verification
 * @returns the cache
 * @throws TypeError when an option is malformed
 * @example
 * ```ts
 * const cache = createResponseCache({ ttl: 3600 })
 * const { key, hit } = await cache.lookup(client, threadId, { assistantId })
 * if (hit) {
 *   const message = await client.messages.create(threadId, cachedReplyMessage(hit))
 *   show(cachedRun(threadId, assistantId, message.id))
 * } else {
 *   const state = await client.runs.stream(threadId, { assistant_id: assistantId }).done()
 *   const reply = state.messages.at(-1)
 *   if (state.run?.status === 'completed' && reply) await cache.save(key, reply)
 * }
 * ```
 */
export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const { ttl, prefix = 'skein:reply', verify = 'tail' } = options
  checkOptions(options, ttl, prefix, verify)
  const storage = options.storage ?? createStorage()
  const storageKey = (key: string): string => `${prefix}:${checkKey(key)}`

  async function get(key: string, callOptions: CacheCallOptions = {}): Promise<CachedHit | null> {
    const { signal } = callOptions
    const at = storageKey(key)
    signal?.throwIfAborted()
    const raw: unknown = await storage.getItem(at)
    signal?.throwIfAborted()
    if (raw === null || raw === undefined) return null
    const parsed = v.safeParse(cacheEntrySchema(), typeof raw === 'string' ? parseJson(raw) : raw)
    // An unreadable entry (another writer, an older format) or an expired one is a miss, and is cleared.
    if (!parsed.success || (parsed.output.expires_at !== null && parsed.output.expires_at <= Date.now())) {
      await storage.removeItem(at)
      return null
    }
    const { reply, stored_at } = parsed.output
    return { content: reply.content, metadata: reply.metadata, created_at: reply.created_at, stored_at }
  }

  async function save(key: string, reply: CachedReply, callOptions: CacheCallOptions = {}): Promise<void> {
    const at = storageKey(key)
    const now = Date.now()
    const entry: CacheEntry = {
      v: 1,
      stored_at: now,
      expires_at: ttl === undefined ? null : now + ttl * 1000,
      reply: storableReply(reply, Math.floor(now / 1000)),
    }
    callOptions.signal?.throwIfAborted()
    // Drivers with native expiry (Redis `EX`, Cloudflare KV) also drop the entry themselves; whole seconds only.
    await storage.setItem(at, entry, ttl === undefined ? {} : { ttl: Math.ceil(ttl) })
  }

  async function remove(key: string, callOptions: CacheCallOptions = {}): Promise<void> {
    const at = storageKey(key)
    callOptions.signal?.throwIfAborted()
    await storage.removeItem(at)
  }

  async function lookup(
    client: Client,
    threadId: string,
    lookupOptions: CacheLookupOptions,
  ): Promise<CacheLookupResult> {
    if (typeof client?.messages?.list !== 'function' || typeof client.threads?.retrieve !== 'function') {
      throw new TypeError('lookup(client, threadId, options): pass a client from createClient() first.')
    }
    if (typeof threadId !== 'string' || threadId === '')
      throw new TypeError('lookup: threadId must be a non-empty string.')
    if (typeof lookupOptions !== 'object' || lookupOptions === null) {
      throw new TypeError("lookup: options must be an object such as { assistantId: 'asst_…' }.")
    }
    const { assistantId, runOptions, signal } = lookupOptions
    if (typeof assistantId !== 'string' || assistantId === '') {
      throw new TypeError('lookup: options.assistantId must be a non-empty string.')
    }
    canonicalJson(keyedRunOptions(runOptions)) // malformed overrides fail before any request
    signal?.throwIfAborted()
    const { chain, source } = await syncThreadChain(client, threadId, { verify, signal })
    const key = await responseKey(chain?.hash ?? EMPTY_CONVERSATION_HASH, assistantId, runOptions)
    return { key, hit: await get(key, { signal }), chain, source }
  }

  return {
    lookup,
    save,
    get,
    remove,
    beforeRun: (client, threadId, runOptions) => beforeRun({ lookup, save }, client, threadId, runOptions),
    storage,
  }
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new TypeError(`A cache key is 64 hex characters from lookup(), got ${JSON.stringify(key)}.`)
  }
  return key
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function checkOptions(options: ResponseCacheOptions, ttl: unknown, prefix: unknown, verify: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createResponseCache takes an options object (or nothing).')
  }
  const { storage } = options
  if (
    storage !== undefined &&
    (typeof storage?.getItem !== 'function' ||
      typeof storage.setItem !== 'function' ||
      typeof storage.removeItem !== 'function')
  ) {
    throw new TypeError(
      "createResponseCache: storage must be an unstorage Storage. Did you mean createStorage({ driver }) from 'unstorage'?",
    )
  }
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0)) {
    throw new TypeError(`createResponseCache: ttl is in seconds and must be a positive number, got ${String(ttl)}.`)
  }
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new TypeError(
      `createResponseCache: prefix must be words of letters, digits, '_', '-', '.' joined by ':', got ${JSON.stringify(prefix)}.`,
    )
  }
  if (verify !== 'tail' && verify !== 'full') {
    throw new TypeError(`createResponseCache: verify must be 'tail' or 'full', got ${JSON.stringify(verify)}.`)
  }
}
