// Citations as footnotes: each annotation's marker text (e.g. `【4:0†notes.txt】`) becomes a numbered footnote marker
// in the markdown, and the cited sources are listed under the message.
import type { Annotation, Message } from '@skein/core'
import { FOOTNOTE_CLOSE, FOOTNOTE_OPEN, safeHref } from './markdownInline.ts'

/** One cited source. */
export interface Footnote {
  n: number
  /** What to show: a file id or a page title. */
  label: string
  /** A web citation's link (only http(s)). */
  href: string | null
  /** The quoted passage, when the server sent a non-empty one. */
  quote: string | null
}

/** A message's text as markdown with footnote markers, and the footnotes. */
export interface CitedText {
  markdown: string
  footnotes: Footnote[]
}

// Strips our private-use marker characters from model text, so only annotations can make footnotes.
const clean = (text: string): string => text.replaceAll(FOOTNOTE_OPEN, '').replaceAll(FOOTNOTE_CLOSE, '')

function source(annotation: Annotation): Omit<Footnote, 'n'> & { key: string } {
  switch (annotation.type) {
    case 'file_citation': {
      const quote = annotation.file_citation.quote
      const id = annotation.file_citation.file_id
      return { key: `file:${id}`, label: id, href: null, quote: quote ? quote : null }
    }
    case 'file_path':
      return {
        key: `path:${annotation.file_path.file_id}`,
        label: annotation.file_path.file_id,
        href: null,
        quote: null,
      }
    case 'url_citation': {
      const { url, title } = annotation.url_citation
      const href = safeHref(url)
      return { key: `url:${url}`, label: title || url, href: href?.startsWith('http') ? href : null, quote: null }
    }
  }
}

/**
 * Turns a message's text parts into markdown with footnote markers where the annotations were.
 *
 * @param message - a message (streamed or from the REST API)
 * @returns the markdown and its footnotes, numbered in order of first citation
 */
export function withFootnotes(message: Pick<Message, 'content'>): CitedText {
  const footnotes: Footnote[] = []
  const numbers = new Map<string, number>()
  const parts: string[] = []
  for (const part of message.content) {
    if (part.type === 'refusal') parts.push(clean(part.refusal))
    if (part.type !== 'text') continue
    const value = part.text.value
    const annotations = [...part.text.annotations].sort((a, b) => a.start_index - b.start_index)
    let out = ''
    let cursor = 0
    for (const annotation of annotations) {
      if (annotation.text === '') continue
      // Trust the indexes when they point at the marker; else find it (streamed indexes can lag the text).
      let start = annotation.start_index
      if (value.slice(start, annotation.end_index) !== annotation.text) start = value.indexOf(annotation.text, cursor)
      if (start < cursor) continue
      const { key, ...rest } = source(annotation)
      let n = numbers.get(key)
      if (n === undefined) {
        n = footnotes.length + 1
        numbers.set(key, n)
        footnotes.push({ n, ...rest })
      }
      out += clean(value.slice(cursor, start)) + FOOTNOTE_OPEN + n + FOOTNOTE_CLOSE
      cursor = start + annotation.text.length
    }
    parts.push(out + clean(value.slice(cursor)))
  }
  return { markdown: parts.join('\n\n'), footnotes }
}
