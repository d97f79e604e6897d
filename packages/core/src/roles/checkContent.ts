import type { MessageContentPartParam } from '../client/params.ts'
import { misuse } from './misuse.ts'

/** Per image part type, the key of the string inside it: `image_file.file_id`, `image_url.url`. */
const INNER: Readonly<Record<string, string>> = { image_file: 'file_id', image_url: 'url' }

/**
 * `object[key]` of a value read from the caller, whatever it is; `undefined` for a missing key. Inherited names such as
 * `constructor` read functions, which never pass for the string a part needs.
 */
const field = (object: unknown, key: unknown): unknown =>
  key === undefined ? key : (object as Record<string, unknown> | null | undefined)?.[key as string]

/**
 * Checks the content of a message being created: a string, or a non-empty array of request parts.
 *
 * @param content - the content
 * @param where - what holds it, for the message (e.g. `content`, `examples[2].user`)
 * @throws TypeError naming the bad part, with a hint for the `{ text: { value } }` response shape
 */
export function checkContent(
  content: unknown,
  where = 'content',
): asserts content is string | readonly MessageContentPartParam[] {
  if (typeof content === 'string') return
  if (!Array.isArray(content) || content.length === 0) {
    misuse(where, 'a string or a non-empty array of content parts', content)
  }
  content.forEach((part: unknown, index) => {
    const type = field(part, 'type') as string
    const value = field(part, type)
    if (typeof (type === 'text' ? value : field(value, INNER[type])) !== 'string') {
      misuse(
        `${where}[${index}]`,
        "{ type: 'text', text: 'Hi' } (not { text: { value } }) or an image_file / image_url part",
        part,
      )
    }
  })
}
