import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createOwnership, sameStamp, stampOf } from './ownership.ts'

const SECRET = 'a-test-secret-that-is-long-enough-0123456789'

describe('createOwnership', () => {
  describe('stampFor', () => {
    it('is base64url(HMAC-SHA256(secret, context + user id))', async () => {
      const expected = createHmac('sha256', SECRET).update('skein.proxy.owner.v1:user_42').digest('base64url')
      expect(await createOwnership(SECRET).stampFor('user_42')).toBe(expected)
    })

    it('is 43 URL-safe characters, stable for a user and different across users and secrets', async () => {
      const ownership = createOwnership(SECRET)
      const a = await ownership.stampFor('alice')
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(await ownership.stampFor('alice')).toBe(a)
      expect(await ownership.stampFor('bob')).not.toBe(a)
      expect(await createOwnership(`${SECRET}!`).stampFor('alice')).not.toBe(a)
    })

    it('hashes non-ASCII user ids as UTF-8', async () => {
      const expected = createHmac('sha256', SECRET).update('skein.proxy.owner.v1:zoë', 'utf8').digest('base64url')
      expect(await createOwnership(SECRET).stampFor('zoë')).toBe(expected)
    })
  })

  describe('cache', () => {
    it('remembers stamps and unowned threads, and forgets deleted ones', () => {
      const ownership = createOwnership(SECRET)
      expect(ownership.get('thread_1')).toBeUndefined()
      ownership.set('thread_1', 'stamp')
      ownership.set('thread_2', null)
      expect(ownership.get('thread_1')).toBe('stamp')
      expect(ownership.get('thread_2')).toBeNull()
      ownership.delete('thread_1')
      expect(ownership.get('thread_1')).toBeUndefined()
    })

    it('never holds more than max entries and drops the least recently used first', () => {
      const ownership = createOwnership(SECRET, { max: 3 })
      for (const id of ['a', 'b', 'c']) ownership.set(id, id)
      ownership.get('a') // a is now the most recently used
      ownership.set('d', 'd')
      expect(ownership.size()).toBe(3)
      expect(ownership.get('b')).toBeUndefined()
      expect(['a', 'c', 'd'].map((id) => ownership.get(id))).toEqual(['a', 'c', 'd'])
      for (let index = 0; index < 1000; index += 1) ownership.set(`t${index}`, 's')
      expect(ownership.size()).toBe(3)
    })

    it('expires entries after ttlMs', () => {
      let now = 1_000
      const ownership = createOwnership(SECRET, { ttlMs: 100 }, () => now)
      ownership.set('thread_1', 'stamp')
      now = 1_099
      expect(ownership.get('thread_1')).toBe('stamp')
      now = 1_100
      expect(ownership.get('thread_1')).toBeUndefined()
      expect(ownership.size()).toBe(0)
    })

    it('caches nothing with max 0', () => {
      const ownership = createOwnership(SECRET, { max: 0 })
      ownership.set('thread_1', 'stamp')
      expect(ownership.get('thread_1')).toBeUndefined()
    })
  })
})

describe('stampOf', () => {
  it('reads metadata.skein_owner from a thread', () => {
    expect(stampOf({ id: 'thread_1', metadata: { skein_owner: 'abc' } })).toBe('abc')
  })

  it.each([
    [null],
    ['thread'],
    [{ id: 'thread_1' }],
    [{ metadata: null }],
    [{ metadata: { skein_owner: '' } }],
    [{ metadata: { skein_owner: 42 } }],
    [{ metadata: { other: 'abc' } }],
  ])('finds no owner in %j', (thread) => {
    expect(stampOf(thread)).toBeNull()
  })
})

describe('sameStamp', () => {
  it('compares exactly', () => {
    expect(sameStamp('abc', 'abc')).toBe(true)
    expect(sameStamp('abc', 'abd')).toBe(false)
    expect(sameStamp('abc', 'abcd')).toBe(false)
    expect(sameStamp('', '')).toBe(true)
  })
})
