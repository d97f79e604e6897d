// The playground's markdown renderer is what keeps model and user text from becoming HTML; these pin its parsing.
import { seededRandom } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { type MdBlock, type MdInline, parseMarkdown } from '../../playground/src/shared/markdown.ts'
import { FOOTNOTE_CLOSE, FOOTNOTE_OPEN, parseInline, safeHref } from '../../playground/src/shared/markdownInline.ts'

function inlineText(nodes: readonly MdInline[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'code') return node.text
      if (node.type === 'footnote') return `[${node.n}]`
      return inlineText(node.children)
    })
    .join('')
}

describe('parseInline', () => {
  it('parses strong, emphasis, strikethrough and code spans', () => {
    expect(parseInline('a **b** _c_ *d* ~~e~~ `f`')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'c' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'd' }] },
      { type: 'text', text: ' ' },
      { type: 'del', children: [{ type: 'text', text: 'e' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'f' },
    ])
  })

  it('keeps HTML as plain text', () => {
    const source = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    expect(parseInline(source)).toEqual([{ type: 'text', text: source }])
  })

  it('leaves snake_case and unclosed dunder names alone', () => {
    expect(parseInline('call get_weather or a_b_c or window.__pwned=1 x_')).toEqual([
      { type: 'text', text: 'call get_weather or a_b_c or window.__pwned=1 x_' },
    ])
  })

  it('keeps markup inside code spans verbatim', () => {
    expect(parseInline('``a `b` **c**``')).toEqual([{ type: 'code', text: 'a `b` **c**' }])
  })

  it('treats unclosed markers as text', () => {
    expect(inlineText(parseInline('**open and `tick and [label](no close'))).toBe(
      '**open and `tick and [label](no close',
    )
  })

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not em\\*')).toEqual([{ type: 'text', text: '*not em*' }])
  })

  it('makes links of safe targets and text of the rest', () => {
    expect(parseInline('[docs](https://example.com/a)')).toEqual([
      { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'docs' }] },
    ])
    for (const target of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x']) {
      const nodes = parseInline(`[x](${target})`)
      expect(nodes.some((node) => node.type === 'link')).toBe(false)
      expect(inlineText(nodes)).toBe(`[x](${target})`)
    }
  })

  it('links bare URLs without trailing punctuation', () => {
    expect(parseInline('see https://example.com/x.')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://example.com/x', children: [{ type: 'text', text: 'https://example.com/x' }] },
      { type: 'text', text: '.' },
    ])
  })

  it('reads footnote markers only from the private-use characters', () => {
    expect(parseInline(`42${FOOTNOTE_OPEN}1${FOOTNOTE_CLOSE}.`)).toEqual([
      { type: 'text', text: '42' },
      { type: 'footnote', n: 1 },
      { type: 'text', text: '.' },
    ])
    expect(parseInline('a model writing [^1]')).toEqual([{ type: 'text', text: 'a model writing [^1]' }])
  })

  it('bounds nesting on hostile input', () => {
    const deep = `${'**['.repeat(2000)}x${'](/)**'.repeat(2000)}`
    expect(() => parseInline(deep)).not.toThrow()
    expect(parseInline('*'.repeat(10_000))).toEqual([{ type: 'text', text: '*'.repeat(10_000) }])
  })
})

describe('safeHref', () => {
  it('accepts http(s), mailto, paths and fragments', () => {
    for (const href of ['https://a.b/c', 'http://a.b', 'mailto:x@y.z', '/react/', '#fn-1']) {
      expect(safeHref(href)).toBe(href)
    }
  })

  it('refuses script, data, protocol-relative and whitespace-smuggled targets', () => {
    for (const href of ['javascript:x', 'vbscript:x', 'data:x', '//evil.example', 'ja\nvascript:x', ' ', 'foo']) {
      expect(safeHref(href)).toBeNull()
    }
  })
})

describe('parseMarkdown', () => {
  it('parses the emulator markdown sample', () => {
    const blocks = parseMarkdown(
      [
        '## Markdown sample',
        '',
        'Some **bold** and a [link](https://example.com).',
        '',
        '1. First item',
        '2. Second item',
        '',
        '| column | value |',
        '| :--- | ---: |',
        '| yarn | 🧵 |',
        '',
        '```ts',
        "const greeting = 'héllo'",
        '```',
      ].join('\n'),
    )
    expect(blocks.map((block) => block.type)).toEqual(['heading', 'paragraph', 'list', 'table', 'code'])
    expect(blocks[0]).toEqual({ type: 'heading', level: 2, children: [{ type: 'text', text: 'Markdown sample' }] })
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: true, start: 1 })
    expect(blocks[3]).toMatchObject({ type: 'table', align: ['left', 'right'] })
    expect(blocks[4]).toEqual({ type: 'code', lang: 'ts', text: "const greeting = 'héllo'" })
  })

  it('runs an unclosed fence to the end (a reply still streaming)', () => {
    expect(parseMarkdown('```js\nlet a = 1\n<b>')).toEqual([{ type: 'code', lang: 'js', text: 'let a = 1\n<b>' }])
  })

  it('parses lists, quotes and rules', () => {
    const blocks = parseMarkdown('- a\n- b\ncontinued\n\n> quoted **x**\n\n---\n3. three')
    expect(blocks).toEqual<MdBlock[]>([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b\ncontinued' }]],
      },
      {
        type: 'quote',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'quoted ' },
              { type: 'strong', children: [{ type: 'text', text: 'x' }] },
            ],
          },
        ],
      },
      { type: 'rule' },
      { type: 'list', ordered: true, start: 3, items: [[{ type: 'text', text: 'three' }]] },
    ])
  })

  it('keeps raw HTML blocks as paragraph text', () => {
    expect(parseMarkdown('<div onclick="x()">hi</div>\n<iframe src=//evil>')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '<div onclick="x()">hi</div>\n<iframe src=//evil>' }] },
    ])
  })

  it('bounds quote nesting', () => {
    const blocks = parseMarkdown(`${'>'.repeat(500)} deep`)
    let depth = 0
    let node: MdBlock | undefined = blocks[0]
    while (node?.type === 'quote') {
      depth += 1
      node = node.children[0]
    }
    expect(depth).toBeLessThanOrEqual(4)
    expect(node?.type).toBe('paragraph')
  })

  it('never throws on random markdown-ish input', () => {
    const random = seededRandom()
    const alphabet = ['*', '_', '~', '`', '[', ']', '(', ')', '|', '-', '#', '>', '\n', ' ', 'a', '1', '.', '\\', ':']
    for (let round = 0; round < 300; round++) {
      let source = ''
      const length = Math.floor(random() * 200)
      for (let i = 0; i < length; i++) source += alphabet[Math.floor(random() * alphabet.length)]
      expect(() => parseMarkdown(source)).not.toThrow()
    }
  })
})
