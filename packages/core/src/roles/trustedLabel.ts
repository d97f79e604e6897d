import type { Message } from '../schemas/index.ts'
import type { Author } from './author.ts'

/**
 * Which `LABEL: text` prefixes of foreign messages (no author metadata) are believed: exact labels (case-sensitive,
 * e.g. `['ASSISTANT', 'CRITIC']`), or a function that sees the label and the message and answers `true` (derive the
 * author from the label), an {@link Author}, or `false`/`null`/`undefined` (not a label).
 */
export type TrustLabels = readonly string[] | ((label: string, message: Message) => boolean | Author | null | undefined)

/**
 * A trusted label found at the start of a text: the author it names and how many characters it spans (the label, its
 * colon and the whitespace after it). A pair, not an object: the codec core reads it without property names.
 */
export type TrustedLabel = readonly [author: Author, length: number]

// A label is 1-100 characters without a colon or line break, then a colon, then any whitespace. The colon is what makes
// it complete: while a reply streams, `ASSIST` is shown as typed and only `ASSISTANT:` is read as a label, and since the
// whitespace after the colon is always cut, each streamed snapshot's decoded text extends the previous one.
const LABEL = /^([^:\r\n]{1,100}):\s*/

/**
 * Reads a trusted `LABEL: ` at the start of `text`.
 *
 * @param text - the first text of the message
 * @param message - the message, for a trust function
 * @param trust - the trusted labels
 * @returns the author and the label's length, or null when the text starts with no trusted label
 * @throws TypeError when a trust function returns something that is not an author
 */
export function readTrustedLabel(text: string, message: Message, trust: TrustLabels): TrustedLabel | null {
  const match = LABEL.exec(text)
  const label = match?.[1]
  if (match === null || label === undefined) return null
  let author: Author | null
  if (typeof trust === 'function') {
    const verdict = trust(label, message)
    if (verdict === true) author = authorFromLabel(label)
    else if (verdict === false || verdict === null || verdict === undefined) author = null
    else if (typeof verdict === 'object' && typeof verdict.role === 'string' && verdict.role !== '') author = verdict
    else {
      throw new TypeError(
        `trustLabels(${JSON.stringify(label)}) returned ${JSON.stringify(verdict)}; return true, false or an author such as { role: 'critic' }.`,
      )
    }
  } else {
    author = trust.includes(label) ? authorFromLabel(label) : null
  }
  return author === null ? null : [author, match[0].length]
}

/**
 * The author a label names: `Ada (critic)` is `{ role: 'critic', name: 'Ada' }`, anything else is a role, lower-cased
 * (`ASSISTANT` is `{ role: 'assistant' }`).
 *
 * @param label - the label without its colon
 * @returns the author
 */
export function authorFromLabel(label: string): Author {
  const named = /^(.+?) \(([^()]+)\)$/.exec(label.trim())
  if (named?.[1] !== undefined && named[2] !== undefined) return { role: named[2].toLowerCase(), name: named[1] }
  return { role: label.trim().toLowerCase() }
}
