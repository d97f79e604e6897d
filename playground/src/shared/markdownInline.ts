// Inline markdown (code spans, strong, emphasis, strikethrough, links, footnote markers) parsed into a tree of plain
// nodes. The pages render that tree with text nodes only, so nothing in a message can become HTML.

/** An inline node. Text is kept verbatim: escaping is the renderer's job, and React and Vue always escape text. */
export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: MdInline[] }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'footnote'; n: number }

/** Footnote markers use private-use characters, so a model cannot forge one by writing `[^1]`. */
export const FOOTNOTE_OPEN = '\uE000'
/** Closes a footnote marker. */
export const FOOTNOTE_CLOSE = '\uE001'

const ESCAPABLE = new Set('\\`*_{}[]()#+-.!|~>'.split(''))
const MAX_DEPTH = 6

/**
 * Accepts only links that cannot run script: http(s), mailto, same-site paths and fragments.
 *
 * @param raw - the link target as written
 * @returns the href to render, or null (the link then renders as plain text)
 */
export function safeHref(raw: string): string | null {
  const href = raw.trim()
  // Control characters and spaces are what `java\tscript:` style tricks hide behind.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this check
  if (href === '' || /[\u0000-\u0020\u007f]/.test(href)) return null
  if (/^(https?:\/\/|mailto:)/i.test(href)) return href
  if (href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//'))) return href
  return null
}

const isWord = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char)

function closingRun(src: string, marker: string, from: number): number {
  const char = marker[0]
  let at = src.indexOf(marker, from)
  while (at !== -1) {
    const before = src[at - 1]
    const after = src[at + marker.length]
    // A closer is a run of exactly the opener's length after a non-space; `_` must also end a word (so snake_case
    // and `__init__`-like names never turn italic).
    const exact = before !== char && after !== char
    if (exact && before !== undefined && !/\s/.test(before) && !(char === '_' && isWord(after))) return at
    at = src.indexOf(marker, at + 1)
  }
  return -1
}

function linkAt(src: string, start: number): { end: number; label: string; href: string } | null {
  const labelEnd = src.indexOf('](', start)
  if (labelEnd === -1 || src.slice(start + 1, labelEnd).includes('\n')) return null
  const hrefEnd = src.indexOf(')', labelEnd + 2)
  if (hrefEnd === -1) return null
  return { end: hrefEnd + 1, label: src.slice(start + 1, labelEnd), href: src.slice(labelEnd + 2, hrefEnd) }
}

/**
 * Parses inline markdown.
 *
 * @param src - one block's text
 * @param depth - nesting so far (bounded, so hostile input cannot recurse deeply)
 * @returns the nodes
 */
export function parseInline(src: string, depth = 0): MdInline[] {
  const out: MdInline[] = []
  let text = ''
  const flush = (): void => {
    if (text !== '') out.push({ type: 'text', text })
    text = ''
  }
  let i = 0
  while (i < src.length) {
    const char = src[i] ?? ''
    const next = src[i + 1]
    if (char === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      text += next
      i += 2
      continue
    }
    if (char === '`') {
      let ticks = 1
      while (src[i + ticks] === '`') ticks += 1
      const fence = '`'.repeat(ticks)
      const close = src.indexOf(fence, i + ticks)
      if (close !== -1) {
        flush()
        out.push({ type: 'code', text: src.slice(i + ticks, close).replace(/^ (.+) $/, '$1') })
        i = close + ticks
        continue
      }
      text += fence
      i += ticks
      continue
    }
    if (char === FOOTNOTE_OPEN) {
      const close = src.indexOf(FOOTNOTE_CLOSE, i)
      const n = Number(src.slice(i + 1, close))
      if (close !== -1 && Number.isInteger(n) && n > 0) {
        flush()
        out.push({ type: 'footnote', n })
        i = close + 1
        continue
      }
    }
    if (char === '*' || char === '_' || char === '~') {
      // A delimiter run is taken whole: one or two characters can open, anything else is text.
      let run = 1
      while (src[i + run] === char) run += 1
      const after = src[i + run]
      const opens = after !== undefined && !/\s/.test(after) && !(char === '_' && isWord(src[i - 1]))
      if (depth < MAX_DEPTH && opens && (run === 2 || (run === 1 && char !== '~'))) {
        const marker = char.repeat(run)
        const close = closingRun(src, marker, i + run + 1)
        if (close !== -1) {
          flush()
          const children = parseInline(src.slice(i + run, close), depth + 1)
          out.push({ type: char === '~' ? 'del' : run === 2 ? 'strong' : 'em', children })
          i = close + run
          continue
        }
      }
      text += char.repeat(run)
      i += run
      continue
    }
    if (char === '[' && depth < MAX_DEPTH) {
      const link = linkAt(src, i)
      const href = link === null ? null : safeHref(link.href)
      if (link !== null && href !== null) {
        flush()
        out.push({ type: 'link', href, children: parseInline(link.label, depth + 1) })
        i = link.end
        continue
      }
    }
    if (char === 'h' && src.startsWith('http', i) && !isWord(src[i - 1])) {
      const match = /^https?:\/\/[^\s<>"]+/.exec(src.slice(i))
      if (match) {
        const url = match[0].replace(/[.,;:!?)\]]+$/, '')
        flush()
        out.push({ type: 'link', href: url, children: [{ type: 'text', text: url }] })
        i += url.length
        continue
      }
    }
    text += char
    i += 1
  }
  flush()
  return out
}
