/**
 * Splits text into stream tokens of 1 to 8 characters, the way a model streams: each word keeps its leading
 * whitespace, and longer runs are cut every 8 characters. Characters are Unicode code points, so a token never
 * splits a surrogate pair (an emoji stays whole); joining the tokens gives the text back exactly.
 *
 * @param text - the reply text
 * @param max - the longest token, in code points
 * @returns the tokens (empty for an empty text)
 *
 * @example
 * ```ts
 * tokenize('Hello, wonderful 🧵 world') // ['Hello,', ' wonderf', 'ul', ' 🧵', ' world']
 * ```
 */
export function tokenize(text: string, max = 8): string[] {
  const tokens: string[] = []
  // A word with the whitespace before it; a lone whitespace run at the end is its own piece.
  for (const piece of text.match(/\s*\S+|\s+/gu) ?? []) {
    const chars = [...piece]
    for (let i = 0; i < chars.length; i += max) tokens.push(chars.slice(i, i + max).join(''))
  }
  return tokens
}
