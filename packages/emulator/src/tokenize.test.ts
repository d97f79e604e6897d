import { describe, expect, it } from 'vitest'
import { tokenize } from './tokenize.ts'

describe('tokenize', () => {
  it('keeps each word with its leading space and joins back to the text exactly', () => {
    const text = 'Hello, wonderful world!  Two  spaces\nand a newline '
    const tokens = tokenize(text)
    expect(tokens.join('')).toBe(text)
    expect(tokens.slice(0, 3)).toEqual(['Hello,', ' wonderf', 'ul'])
  })

  it('makes tokens of 1 to 8 code points and never splits an emoji', () => {
    const text = 'déjà-vu 🧵🧵🧵🧵🧵🧵🧵🧵🧵 supercalifragilistic ✓'
    const tokens = tokenize(text)
    for (const token of tokens) {
      const length = [...token].length
      expect(length).toBeGreaterThanOrEqual(1)
      expect(length).toBeLessThanOrEqual(8)
      // A lone surrogate would mean an emoji was cut in half.
      expect(token).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    }
    expect(tokens.join('')).toBe(text)
  })

  it('returns no token for an empty text', () => {
    expect(tokenize('')).toEqual([])
  })
})
