import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonicalJson.ts'

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}')
    expect(canonicalJson({ z: { y: 1, x: 2 }, a: 0 })).toBe(canonicalJson({ a: 0, z: { x: 2, y: 1 } }))
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]))
  })

  it('leaves undefined members out and writes undefined array items as null, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}')
  })

  it('writes strings and numbers as JSON does', () => {
    expect(canonicalJson(['é\n"', -0, 1e21, 0.1])).toBe(JSON.stringify(['é\n"', -0, 1e21, 0.1]))
  })

  it('keeps a __proto__ key as a plain member', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}')
  })

  it.each([
    ['NaN', { a: Number.NaN }, /\$\.a is NaN/],
    ['Infinity', [Number.POSITIVE_INFINITY], /\$\[0\] is Infinity/],
    ['a function', { f: () => 1 }, /\$\.f is a function/],
    ['a bigint', { n: 1n }, /is a bigint/],
    ['a Date', { d: new Date(0) }, /is a Date, not a plain object/],
    ['a Map', new Map(), /is a Map/],
  ])('throws a TypeError for %s', (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(TypeError)
    expect(() => canonicalJson(value)).toThrow(message)
  })

  it('throws a TypeError for a cycle but accepts a shared (acyclic) object', () => {
    const cycle: Record<string, unknown> = {}
    cycle['self'] = cycle
    expect(() => canonicalJson(cycle)).toThrow(/cycle/)
    const shared = { x: 1 }
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}')
  })
})
