import { createElement, Fragment, type ReactNode, useMemo } from 'react'
import { type MdBlock, type MdInline, parseMarkdown } from '../shared/markdown.ts'

// Children are passed to createElement as arguments, not as an array: markdown nodes have no identity to key by, and
// positional children need no keys. Text always goes in as a string child, which React escapes.
const el = (type: string, props: Record<string, unknown> | null, children: readonly ReactNode[] = []): ReactNode =>
  createElement(type, props, ...children)

function inlineNode(node: MdInline, idPrefix: string): ReactNode {
  switch (node.type) {
    case 'text':
      return node.text
    case 'code':
      return el('code', null, [node.text])
    case 'strong':
    case 'em':
    case 'del':
      return el(node.type, null, inline(node.children, idPrefix))
    case 'link':
      return el('a', { href: node.href, target: '_blank', rel: 'noopener noreferrer' }, inline(node.children, idPrefix))
    case 'footnote':
      return el('sup', null, [el('a', { href: `#${idPrefix}-${node.n}` }, [`[${node.n}]`])])
  }
}

function inline(nodes: readonly MdInline[], idPrefix: string): ReactNode[] {
  return nodes.map((node) => inlineNode(node, idPrefix))
}

function cellStyle(align: string | null): Record<string, unknown> | null {
  return align === null ? null : { style: { textAlign: align } }
}

function blockNode(node: MdBlock, idPrefix: string): ReactNode {
  switch (node.type) {
    case 'heading':
      // Message headings sit under the page's own: h1 in a reply renders as h3.
      return el(`h${Math.min(node.level + 2, 6)}`, null, inline(node.children, idPrefix))
    case 'paragraph':
      return el('p', null, inline(node.children, idPrefix))
    case 'code':
      return el('pre', node.lang ? { 'data-lang': node.lang } : null, [el('code', null, [node.text])])
    case 'list': {
      const items = node.items.map((item) => el('li', null, inline(item, idPrefix)))
      return node.ordered ? el('ol', { start: node.start }, items) : el('ul', null, items)
    }
    case 'quote':
      return el('blockquote', null, blocks(node.children, idPrefix))
    case 'table': {
      const cells = (tag: string, row: readonly MdInline[][]) =>
        row.map((cell, i) => el(tag, cellStyle(node.align[i] ?? null), inline(cell, idPrefix)))
      return el('table', null, [
        el('thead', null, [el('tr', null, cells('th', node.head))]),
        el(
          'tbody',
          null,
          node.rows.map((row) => el('tr', null, cells('td', row))),
        ),
      ])
    }
    case 'rule':
      return el('hr', null)
  }
}

function blocks(nodes: readonly MdBlock[], idPrefix: string): ReactNode[] {
  return nodes.map((node) => blockNode(node, idPrefix))
}

/** Renders markdown as elements with text nodes only: nothing in `source` can become HTML. */
export function Markdown({ source, idPrefix }: { source: string; idPrefix: string }) {
  const parsed = useMemo(() => parseMarkdown(source), [source])
  return createElement(Fragment, null, ...blocks(parsed, idPrefix))
}
