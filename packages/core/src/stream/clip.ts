/**
 * `text` cut to `max` characters with an ellipsis, so that a message quoting wire data stays short.
 *
 * @param text - the text to quote
 * @param max - how many characters to keep
 * @returns `text`, or its first `max` characters and `…`
 */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
