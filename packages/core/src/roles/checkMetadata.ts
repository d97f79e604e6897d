import { AssistantsError } from '../errors.ts'
import type { Metadata } from '../schemas/index.ts'
import { show } from './misuse.ts'

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
  // Fails when `items` (the pairs, or a key's or value's code points) break the limit of `issue.kind`: `has 17 pairs`,
  // `key "k…" is 70 characters`. Spreading counts a string in code points, as the API does.
  const over = (subject: string, issue: MetadataIssue, items: Iterable<unknown>): void => {
    const length = [...items].length
    const limit = METADATA_LIMITS[issue.kind]
    if (length > limit) {
      fail(where, `${subject} ${length} ${issue.key === undefined ? 'pairs' : 'characters'}; the limit is ${limit}`, {
        ...issue,
        length,
        limit,
      })
    }
  }
  const array = Array.isArray(metadata)
  if (array || typeof metadata !== 'object') {
    fail(where, `must be an object of string values, got ${array ? 'an array' : typeof metadata}`, { kind: 'value' })
  }
  const entries = Object.entries(metadata)
  over('has', { kind: 'pairs' }, entries)
  for (const [key, value] of entries) {
    if (key === '') fail(where, 'has an empty key', { kind: 'key', key, length: 0 })
    const quoted = show(key)
    over(`key ${quoted} is`, { kind: 'key', key }, key)
    const issue: MetadataIssue = { kind: 'value', key }
    if (typeof value !== 'string') fail(where, `value of ${quoted} must be a string, got ${show(value)}`, issue)
    over(`value of ${quoted} is`, issue, value)
  }
}

/**
 * Throws the `validation` error of a metadata problem (also used for the reserved author keys): `<where> <problem>`.
 *
 * @param where - what the metadata belongs to, e.g. `message metadata`
 * @param problem - what is wrong, naming the key
 * @param issue - the problem, kept in `AssistantsError.issues`
 * @throws AssistantsError with code `validation`, always
 */
export function fail(where: string, problem: string, issue: MetadataIssue): never {
  throw new AssistantsError('validation', `${where} ${problem}`, { issues: [issue] })
}
