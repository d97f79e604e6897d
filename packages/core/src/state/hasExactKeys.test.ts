import { describe, expect, it } from 'vitest'
import { hasExactKeys } from './hasExactKeys.ts'

describe('hasExactKeys', () => {
  it('is true only for the same keys in the same order', () => {
    expect(hasExactKeys({ a: 1, b: 2 }, ['a', 'b'])).toBe(true)
    expect(hasExactKeys({ b: 2, a: 1 }, ['a', 'b'])).toBe(false)
    expect(hasExactKeys({ a: 1 }, ['a', 'b'])).toBe(false)
    expect(hasExactKeys({ a: 1, b: 2, c: 3 }, ['a', 'b'])).toBe(false)
    expect(hasExactKeys({}, [])).toBe(true)
  })

  it('counts keys whose value is undefined, as a spread copies them', () => {
    expect(hasExactKeys({ a: undefined, b: 2 }, ['a', 'b'])).toBe(true)
  })
})
