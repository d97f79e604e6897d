import type { Message } from '../schemas/message.ts'

/**
 * The text of a message: the `value` of each text part, concatenated in order with no separator (image and refusal
 * parts are skipped). Works on streamed snapshots and on REST messages alike.
 *
 * @param message - a message (or anything with a `content` array of wire parts)
 * @returns the concatenated text, `''` when there is none
 * @example
 * ```ts
 * const last = state.messages.at(-1)
 * if (last) label.textContent = messageText(last)
 * ```
 */
export function messageText(message: Pick<Message, 'content'>): string {
  let text = ''
  for (const part of message.content) if (part.type === 'text') text += part.text.value
  return text
}
