import { OWNER_KEY } from './policy.ts'

/** Bounds of the thread-owner cache. */
export interface OwnerCacheOptions {
  /**
   * Most threads remembered; the least recently used is dropped first.
   * @defaultValue 10000
   */
  max?: number
  /**
   * How long an entry is trusted, in milliseconds. An owner never changes, so this only bounds how long a thread
   * deleted behind the proxy's back (or stamped later by an operator) keeps its old answer.
   * @defaultValue 3600000 (one hour)
   */
  ttlMs?: number
}

/** Owner stamps (HMAC of the user id) and a bounded cache of the stamp each thread carries. */
export interface Ownership {
  /**
   * @param userId - the caller's id from `authorize`
   * @returns base64url(HMAC-SHA256(secret, context || userId)), 43 characters
   */
  stampFor(userId: string): Promise<string>
  /**
   * @param threadId - a thread id
   * @returns the cached stamp, `null` for a thread known to carry none, or `undefined` when not cached (or expired)
   */
  get(threadId: string): string | null | undefined
  /** Remembers a thread's stamp (or `null` when it has none). */
  set(threadId: string, stamp: string | null): void
  /** Forgets a thread (it was deleted). */
  delete(threadId: string): void
  /** @returns the number of cached threads, never more than `max` */
  size(): number
}

/**
 * Domain separation: the HMAC input starts with a fixed label, so a secret that is (wrongly) reused elsewhere cannot
 * turn the proxy into a signing oracle for that other use.
 */
const STAMP_CONTEXT = 'skein.proxy.owner.v1:'

/**
 * Creates the ownership helper. The HMAC key is imported once, on first use (import time stays free of async work,
 * which edge runtimes forbid at global scope).
 *
 * @param secret - the HMAC secret (at least 32 characters; rotating it orphans every existing thread)
 * @param options - cache bounds
 * @param now - the clock, injectable for tests
 * @returns the helper
 * @example
 * ```ts
 * const ownership = createOwnership(env.SKEIN_SECRET, { max: 5000 })
 * const stamp = await ownership.stampFor('user_42')
 * ```
 */
export function createOwnership(
  secret: string,
  options: OwnerCacheOptions = {},
  now: () => number = () => Date.now(),
): Ownership {
  const max = options.max ?? 10_000
  const ttlMs = options.ttlMs ?? 3_600_000
  const encoder = new TextEncoder()
  let key: Promise<CryptoKey> | undefined
  // A Map iterates in insertion order: re-inserting on every hit makes its first key the least recently used.
  const entries = new Map<string, { stamp: string | null; expires: number }>()

  return {
    async stampFor(userId) {
      key ??= crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      const signature = await crypto.subtle.sign('HMAC', await key, encoder.encode(STAMP_CONTEXT + userId))
      return base64url(new Uint8Array(signature))
    },
    get(threadId) {
      const entry = entries.get(threadId)
      if (!entry) return undefined
      entries.delete(threadId)
      if (entry.expires <= now()) return undefined
      entries.set(threadId, entry)
      return entry.stamp
    },
    set(threadId, stamp) {
      entries.delete(threadId)
      if (max <= 0) return
      entries.set(threadId, { stamp, expires: now() + ttlMs })
      while (entries.size > max) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        entries.delete(oldest)
      }
    },
    delete(threadId) {
      entries.delete(threadId)
    },
    size: () => entries.size,
  }
}

/**
 * Reads the owner stamp from a thread object as upstream returned it.
 *
 * @param thread - the parsed `GET /threads/{id}` body
 * @returns the stamp, or `null` when the thread has none (created outside the proxy: nobody owns it here)
 */
export function stampOf(thread: unknown): string | null {
  if (typeof thread !== 'object' || thread === null) return null
  const metadata = (thread as { metadata?: unknown }).metadata
  if (typeof metadata !== 'object' || metadata === null) return null
  const stamp = (metadata as Record<string, unknown>)[OWNER_KEY]
  return typeof stamp === 'string' && stamp.length > 0 ? stamp : null
}

/**
 * Compares two stamps in time independent of where they differ.
 *
 * @param a - a stamp
 * @param b - another stamp
 * @returns whether they are equal
 */
export function sameStamp(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index)
  return difference === 0
}

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
