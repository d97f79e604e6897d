import { describe, expect, it } from 'vitest'
import { createIdGenerator } from './ids.ts'

describe('createIdGenerator', () => {
  it('makes ids with the real prefixes and lengths', () => {
    const ids = createIdGenerator(1)
    for (const kind of ['asst', 'thread', 'msg', 'run', 'step', 'call'] as const) {
      expect(ids.next(kind)).toMatch(new RegExp(`^${kind}_[A-Za-z0-9]{24}$`))
    }
    expect(ids.next('file')).toMatch(/^file-[A-Za-z0-9]{22}$/)
    expect(ids.next('req')).toMatch(/^req_[0-9a-f]{32}$/)
  })

  it('is deterministic per seed and does not repeat', () => {
    const a = createIdGenerator(42)
    const b = createIdGenerator(42)
    const seen = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const id = a.next('msg')
      expect(b.next('msg')).toBe(id)
      seen.add(id)
    }
    expect(seen.size).toBe(1000)
    expect(createIdGenerator(43).next('msg')).not.toBe(createIdGenerator(42).next('msg'))
  })
})
