import type { MessageContentPartParam } from '../client/params.ts'
import type { MessageContent, TextContent } from '../schemas/index.ts'

/**
 * Writes `label` in front of the first text of a message being created: before a string, into the first text part, or
 * as a new first text part when there is none (an image-only message still tells the model who sent it).
 *
 * @param content - the request content
 * @param label - the exact prefix, e.g. `Ada (critic): `; `''` leaves the content untouched
 * @returns the labelled content (a new value; the input is never mutated)
 */
export function prependLabel(
  content: string | readonly MessageContentPartParam[],
  label: string,
): string | readonly MessageContentPartParam[] {
  if (label === '') return content
  if (typeof content === 'string') return label + content
  const index = firstText(content)
  return index < 0
    ? [{ type: 'text', text: label }, ...content]
    : content.map((part, i) => (i === index ? { type: 'text', text: label + (part as { text: string }).text } : part))
}

/**
 * The index of the first text part of request or wire content, or -1.
 *
 * @param content - the parts
 * @returns the index
 */
export function firstText(content: readonly { readonly type: string }[]): number {
  return content.findIndex((part) => part.type === 'text')
}

/**
 * Removes the first `length` characters (UTF-16 units) of the first text part, shifting its annotations so they still
 * point at the same words. A text part left empty is dropped when other parts remain (the image-only case of
 * {@link prependLabel}); a lone part stays, empty, so a message never has no content.
 *
 * @param content - the wire content (not mutated)
 * @param index - the index of the first text part
 * @param length - how many characters to cut
 * @returns the new content array
 */
export function cutText(content: readonly MessageContent[], index: number, length: number): MessageContent[] {
  const copy = [...content]
  const part = content[index] as TextContent
  const value = part.text.value.slice(length)
  if (value === '' && content.length > 1) copy.splice(index, 1)
  else {
    // Lenient validation may let a malformed index through; leave what we cannot read as it is.
    const shift = <T>(index: T): T => (typeof index === 'number' ? (Math.max(0, index - length) as T) : index)
    const annotations = part.text.annotations.map((annotation) => ({
      ...annotation,
      start_index: shift(annotation.start_index),
      end_index: shift(annotation.end_index),
    }))
    copy[index] = { ...part, text: { ...part.text, value, annotations } }
  }
  return copy
}
