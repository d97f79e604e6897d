import { describe, expect, it } from 'vitest'
import { AssistantsError } from '../errors.ts'
import { checkMetadata, METADATA_LIMITS } from './checkMetadata.ts'

function messageOf(run: () => void): string {
  try {
    run()
  } catch (error) {
    expect(AssistantsError.is(error) && error.code).toBe('validation')
    return (error as Error).message
  }
  throw new Error('expected a validation error')
}

describe('checkMetadata', () => {
  it('accepts null, undefined and metadata at the limits', () => {
    expect(() => checkMetadata(null)).not.toThrow()
    expect(() => checkMetadata(undefined)).not.toThrow()
    const full = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`${i}`.padEnd(64, 'k'), 'v'.repeat(512)]))
    expect(() => checkMetadata(full)).not.toThrow()
  })

  it('counts code points, as the API does (an emoji is one character)', () => {
    expect(() => checkMetadata({ ['😀'.repeat(64)]: '😀'.repeat(512) })).not.toThrow()
    expect(messageOf(() => checkMetadata({ k: '😀'.repeat(513) }))).toBe(
      'metadata value of "k" is 513 characters; the limit is 512',
    )
  })

  it('names what is wrong and where', () => {
    expect(
      messageOf(() => checkMetadata(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])))),
    ).toBe('metadata has 17 pairs; the limit is 16')
    expect(messageOf(() => checkMetadata({ ['a'.repeat(65)]: 'v' }, 'thread metadata'))).toBe(
      `thread metadata key "${'a'.repeat(24)}…" is 65 characters; the limit is 64`,
    )
    expect(messageOf(() => checkMetadata({ '': 'v' }))).toBe('metadata has an empty key')
    expect(messageOf(() => checkMetadata({ k: null }))).toBe('metadata value of "k" must be a string, got null')
    expect(messageOf(() => checkMetadata(['a']))).toBe('metadata must be an object of string values, got an array')
    expect(messageOf(() => checkMetadata('a=b'))).toBe('metadata must be an object of string values, got string')
  })

  it('keeps the problem in issues; a pairs issue names no key', () => {
    let issues: unknown
    try {
      checkMetadata(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])))
    } catch (error) {
      issues = (error as AssistantsError).issues
    }
    expect(issues).toStrictEqual([{ kind: 'pairs', length: 17, limit: 16 }])
  })

  it('checks a __proto__ key as a plain key', () => {
    const metadata = JSON.parse(`{"__proto__":"${'x'.repeat(513)}"}`)
    expect(messageOf(() => checkMetadata(metadata))).toContain('"__proto__" is 513 characters')
  })
})

describe('METADATA_LIMITS', () => {
  it('holds the API limits and cannot be changed', () => {
    expect(METADATA_LIMITS).toEqual({ pairs: 16, key: 64, value: 512 })
    expect(Object.isFrozen(METADATA_LIMITS)).toBe(true)
  })
})
