// Renders parsed markdown with Vue's h(): elements and text nodes only, so nothing in a message can become HTML.
import { computed, defineComponent, h, type VNode, type VNodeArrayChildren } from 'vue'
import { type MdBlock, type MdInline, parseMarkdown } from '../shared/markdown.ts'

function inlineNode(node: MdInline, idPrefix: string): VNode | string {
  switch (node.type) {
    case 'text':
      return node.text
    case 'code':
      return h('code', node.text)
    case 'strong':
    case 'em':
    case 'del':
      return h(node.type, inline(node.children, idPrefix))
    case 'link':
      return h('a', { href: node.href, target: '_blank', rel: 'noopener noreferrer' }, inline(node.children, idPrefix))
    case 'footnote':
      return h('sup', [h('a', { href: `#${idPrefix}-${node.n}` }, `[${node.n}]`)])
  }
}

function inline(nodes: readonly MdInline[], idPrefix: string): VNodeArrayChildren {
  return nodes.map((node) => inlineNode(node, idPrefix))
}

function block(node: MdBlock, idPrefix: string): VNode {
  switch (node.type) {
    case 'heading':
      // Message headings sit under the page's own: h1 in a reply renders as h3.
      return h(`h${Math.min(node.level + 2, 6)}`, inline(node.children, idPrefix))
    case 'paragraph':
      return h('p', inline(node.children, idPrefix))
    case 'code':
      return h('pre', { 'data-lang': node.lang || undefined }, [h('code', node.text)])
    case 'list': {
      const items = node.items.map((item) => h('li', inline(item, idPrefix)))
      return node.ordered ? h('ol', { start: node.start }, items) : h('ul', items)
    }
    case 'quote':
      return h(
        'blockquote',
        node.children.map((child) => block(child, idPrefix)),
      )
    case 'table': {
      const style = (i: number) => ({ textAlign: node.align[i] ?? undefined })
      return h('table', [
        h('thead', [
          h(
            'tr',
            node.head.map((cell, i) => h('th', { style: style(i) }, inline(cell, idPrefix))),
          ),
        ]),
        h(
          'tbody',
          node.rows.map((row) =>
            h(
              'tr',
              row.map((cell, i) => h('td', { style: style(i) }, inline(cell, idPrefix))),
            ),
          ),
        ),
      ])
    }
    case 'rule':
      return h('hr')
  }
}

/** `<MarkdownView :source :id-prefix />`: the same output as the React page's `Markdown`. */
export const MarkdownView = defineComponent({
  name: 'MarkdownView',
  props: { source: { type: String, required: true }, idPrefix: { type: String, required: true } },
  setup(props) {
    const blocks = computed(() => parseMarkdown(props.source))
    return () => blocks.value.map((node) => block(node, props.idPrefix))
  },
})
