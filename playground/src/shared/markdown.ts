// A small markdown parser for streamed replies: headings, paragraphs, lists, quotes, fenced code, tables and rules.
// It returns plain data (no HTML strings); the React and Vue renderers turn it into elements with text nodes only.
// Re-parsing the whole text on every delta is linear in its length, which is fine at chat sizes.
import { type MdInline, parseInline } from './markdownInline.ts'

export type { MdInline } from './markdownInline.ts'

/** A table column's alignment. */
export type MdAlign = 'left' | 'center' | 'right' | null

/** A block node. */
export type MdBlock =
  | { type: 'heading'; level: number; children: MdInline[] }
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: MdInline[][] }
  | { type: 'quote'; children: MdBlock[] }
  | { type: 'table'; align: MdAlign[]; head: MdInline[][]; rows: MdInline[][][] }
  | { type: 'rule' }

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/
const QUOTE = /^ {0,3}>\s?/
const ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/
const MAX_QUOTE_DEPTH = 4

function cells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim())
}

function alignOf(cell: string): MdAlign {
  const left = cell.startsWith(':')
  const right = cell.endsWith(':')
  return left && right ? 'center' : right ? 'right' : left ? 'left' : null
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    FENCE.test(line) ||
    HEADING.test(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    ITEM.test(line) ||
    (line.includes('|') && next !== undefined && TABLE_SEPARATOR.test(next) && next.includes('-'))
  )
}

function parseBlocks(lines: readonly string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    if (line.trim() === '') {
      i += 1
      continue
    }
    const fence = FENCE.exec(line)
    if (fence) {
      const marker = fence[1] ?? '```'
      const body: string[] = []
      i += 1
      // An unclosed fence (a reply still streaming) runs to the end.
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) body.push(lines[i++] ?? '')
      i += 1
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') })
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, children: parseInline(heading[2] ?? '') })
      i += 1
      continue
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' })
      i += 1
      continue
    }
    if (QUOTE.test(line) && depth < MAX_QUOTE_DEPTH) {
      const inner: string[] = []
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) inner.push((lines[i++] ?? '').replace(QUOTE, ''))
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) })
      continue
    }
    const item = ITEM.exec(line)
    if (item) {
      const ordered = /\d/.test(item[1] ?? '')
      const items: string[] = []
      while (i < lines.length) {
        const current = lines[i] ?? ''
        const match = ITEM.exec(current)
        if (match && /\d/.test(match[1] ?? '') === ordered) items.push(match[2] ?? '')
        else if (current.trim() !== '' && !startsBlock(current, lines[i + 1]) && items.length > 0) {
          items[items.length - 1] += `\n${current.trim()}`
        } else if (current.trim() === '' && ITEM.test(lines[i + 1] ?? '')) {
          // A blank line between items keeps the list going.
        } else break
        i += 1
      }
      const start = ordered ? Number.parseInt(item[1] ?? '1', 10) : 1
      blocks.push({ type: 'list', ordered, start, items: items.map((text) => parseInline(text)) })
      continue
    }
    const next = lines[i + 1]
    if (line.includes('|') && next !== undefined && TABLE_SEPARATOR.test(next) && next.includes('-')) {
      const head = cells(line)
      const align = cells(next).map(alignOf)
      const rows: MdInline[][][] = []
      i += 2
      while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') {
        const row = cells(lines[i++] ?? '')
        rows.push(head.map((_, column) => parseInline(row[column] ?? '')))
      }
      blocks.push({ type: 'table', align, head: head.map((cell) => parseInline(cell)), rows })
      continue
    }
    const paragraph: string[] = [line.trim()]
    i += 1
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !startsBlock(lines[i] ?? '', lines[i + 1])) {
      paragraph.push((lines[i++] ?? '').trim())
    }
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) })
  }
  return blocks
}

/**
 * Parses markdown into blocks. Never throws; unknown syntax stays text.
 *
 * @param src - the markdown (may be a reply that is still streaming)
 * @returns the blocks
 * @example
 * ```ts
 * parseMarkdown('**hi** <img src=x onerror=alert(1)>')
 * // [{ type: 'paragraph', children: [{ type: 'strong', ... }, { type: 'text', text: ' <img src=x onerror=alert(1)>' }] }]
 * ```
 */
export function parseMarkdown(src: string): MdBlock[] {
  return parseBlocks(src.replace(/\r\n?/g, '\n').split('\n'), 0)
}
