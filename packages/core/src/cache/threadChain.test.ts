import { describe, expect, it } from 'vitest'
import { formatChain, parseChain } from './threadChain.ts'

const HASH = 'ab'.repeat(32)

describe('formatChain', () => {
  it('writes <lastMessageId>:<count>:<hash> and reads back', () => {
    const chain = { lastMessageId: 'msg_abc', count: 12, hash: HASH }
    expect(formatChain(chain)).toBe(`msg_abc:12:${HASH}`)
    expect(parseChain(formatChain(chain))).toEqual(chain)
  })

  it('stays within the 512-character metadata value limit for real ids', () => {
    expect(formatChain({ lastMessageId: `msg_${'x'.repeat(60)}`, count: 999_999_999, hash: HASH }).length).toBeLessThan(
      512,
    )
  })
})

describe('parseChain', () => {
  it('reads ids that contain colons', () => {
    expect(parseChain(`urn:msg:1:3:${HASH}`)).toEqual({ lastMessageId: 'urn:msg:1', count: 3, hash: HASH })
  })

  it.each([
    ['nothing', undefined],
    ['a number', 5],
    ['no id', `:3:${HASH}`],
    ['a zero count', `msg_1:0:${HASH}`],
    ['a negative count', `msg_1:-1:${HASH}`],
    ['a count with a leading zero', `msg_1:03:${HASH}`],
    ['a short hash', 'msg_1:3:abc'],
    ['an upper-case hash', `msg_1:3:${HASH.toUpperCase()}`],
    ['a missing count', `msg_1:${HASH}`],
  ])('reads %s as no chain', (_, value) => {
    expect(parseChain(value)).toBeNull()
  })
})
