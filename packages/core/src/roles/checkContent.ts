import type { MessageContentPartParam } from '../client/params.ts'

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
    throw new TypeError(`${where} must be a string or a non-empty array of content parts.`)
  }
  content.forEach((part: unknown, index) => {
    const p = (typeof part === 'object' && part !== null ? part : {}) as Record<string, unknown>
    const ok =
      (p['type'] === 'text' && typeof p['text'] === 'string') ||
      (p['type'] === 'image_file' && typeof (p['image_file'] as { file_id?: unknown } | null)?.file_id === 'string') ||
      (p['type'] === 'image_url' && typeof (p['image_url'] as { url?: unknown } | null)?.url === 'string')
    if (!ok) {
      const hint =
        p['type'] === 'text' && typeof (p['text'] as { value?: unknown } | null)?.value === 'string'
          ? " Request text parts are { type: 'text', text: 'string' }, not { text: { value } }."
          : ''
      throw new TypeError(
        `${where}[${index}] must be { type: 'text', text }, { type: 'image_file', image_file: { file_id } } or { type: 'image_url', image_url: { url } }.${hint}`,
      )
    }
  })
}
