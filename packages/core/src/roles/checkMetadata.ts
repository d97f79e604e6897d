import { AssistantsError } from '../errors.ts'
import type { Metadata } from '../schemas/index.ts'

/**
 * The API's metadata limits: 16 pairs, keys up to 64 characters, values up to 512. Lengths are counted in Unicode code
 * points, as the API counts them (an emoji is one character, not two UTF-16 units).
 */
export const METADATA_LIMITS: { readonly pairs: 16; readonly key: 64; readonly value: 512 } = Object.freeze({
  pairs: 16,
  key: 64,
  value: 512,
})

/** One problem `checkMetadata` found, kept in `AssistantsError.issues`. */
export interface MetadataIssue {
  /** `pairs`: too many pairs; `key`: a key too long or empty; `value`: a value too long or not a string. */
  readonly kind: 'pairs' | 'key' | 'value'
  /** The offending key (absent for `pairs`). */
  readonly key?: string
  /** The length (or pair count) found. */
  readonly length?: number
  /** The limit it broke. */
  readonly limit?: number
}

/**
 * Checks metadata against the API's budget (16 pairs, keys ≤ 64, values ≤ 512 characters, values strings) before a
 * request is sent, so an oversized author, chain or user key fails here with the key named, not later with a 400.
 *
 * @param metadata - the metadata about to be sent (`null` and `undefined` pass: they mean "none")
 * @param where - what the metadata belongs to, for the message (e.g. `message metadata`)
 * @throws AssistantsError with code `validation` that names the offending key; `issues` holds a {@link MetadataIssue}
 * @example
 * ```ts
 * checkMetadata({ topic: 'billing' })                   // passes
 * checkMetadata({ ['x'.repeat(70)]: 'v' })              // AssistantsError: metadata key "xxxxxxxxxxxxxxxxxxxxxxxx…" is 70 characters; the limit is 64
 * ```
 */
export function checkMetadata(metadata: unknown, where = 'metadata'): asserts metadata is Metadata | null | undefined {
  if (metadata === undefined || metadata === null) return
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    fail(`${where} must be an object of string values, got ${Array.isArray(metadata) ? 'an array' : typeof metadata}`, {
      kind: 'value',
    })
  }
  const entries = Object.entries(metadata)
  if (entries.length > METADATA_LIMITS.pairs) {
    fail(`${where} has ${entries.length} pairs; the limit is ${METADATA_LIMITS.pairs}`, {
      kind: 'pairs',
      length: entries.length,
      limit: METADATA_LIMITS.pairs,
    })
  }
  for (const [key, value] of entries) {
    const keyLength = codePoints(key)
    if (keyLength === 0) fail(`${where} has an empty key`, { kind: 'key', key, length: 0 })
    if (keyLength > METADATA_LIMITS.key) {
      fail(`${where} key ${show(key)} is ${keyLength} characters; the limit is ${METADATA_LIMITS.key}`, {
        kind: 'key',
        key,
        length: keyLength,
        limit: METADATA_LIMITS.key,
      })
    }
    if (typeof value !== 'string') {
      fail(`${where} value of ${show(key)} must be a string, got ${value === null ? 'null' : typeof value}`, {
        kind: 'value',
        key,
      })
    }
    const valueLength = codePoints(value)
    if (valueLength > METADATA_LIMITS.value) {
      fail(`${where} value of ${show(key)} is ${valueLength} characters; the limit is ${METADATA_LIMITS.value}`, {
        kind: 'value',
        key,
        length: valueLength,
        limit: METADATA_LIMITS.value,
      })
    }
  }
}

/**
 * The length of `text` in Unicode code points (what the API's limits count).
 *
 * @param text - any string
 * @returns its number of code points
 */
export function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count += 1
  return count
}

function fail(message: string, issue: MetadataIssue): never {
  throw new AssistantsError('validation', message, { issues: [issue] })
}

/** A key as the error shows it: quoted, and cut after 24 characters so a 10 kB key does not flood the log. */
function show(key: string): string {
  const chars = [...key]
  return JSON.stringify(chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : key)
}
