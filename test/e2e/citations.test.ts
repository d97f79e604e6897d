import type { Annotation, Message } from '@skein/core'
import { describe, expect, it } from 'vitest'
import { withFootnotes } from '../../playground/src/shared/citations.ts'
import { FOOTNOTE_CLOSE as C, FOOTNOTE_OPEN as O } from '../../playground/src/shared/markdownInline.ts'

function message(value: string, annotations: Annotation[]): Pick<Message, 'content'> {
  return { content: [{ type: 'text', text: { value, annotations } }] }
}

function fileCitation(text: string, start: number, fileId: string, quote?: string): Annotation {
  return {
    type: 'file_citation',
    text,
    start_index: start,
    end_index: start + text.length,
    file_citation: { file_id: fileId, ...(quote === undefined ? {} : { quote }) },
  }
}

describe('withFootnotes', () => {
  it('replaces citation markers with numbered footnotes, one number per source', () => {
    const value = 'A【4:0†a.txt】 and B【4:1†b.txt】 and A again【4:2†a.txt】.'
    const result = withFootnotes(
      message(value, [
        fileCitation('【4:0†a.txt】', value.indexOf('【4:0'), 'file-a', ''),
        fileCitation('【4:1†b.txt】', value.indexOf('【4:1'), 'file-b', 'the quote'),
        fileCitation('【4:2†a.txt】', value.indexOf('【4:2'), 'file-a'),
      ]),
    )
    expect(result.markdown).toBe(`A${O}1${C} and B${O}2${C} and A again${O}1${C}.`)
    expect(result.footnotes).toEqual([
      { n: 1, label: 'file-a', href: null, quote: null },
      { n: 2, label: 'file-b', href: null, quote: 'the quote' },
    ])
  })

  it('finds the marker when the indexes do not point at it', () => {
    const result = withFootnotes(message('x【1】y', [fileCitation('【1】', 40, 'file-x')]))
    expect(result.markdown).toBe(`x${O}1${C}y`)
  })

  it('skips an annotation whose marker is not in the text yet (still streaming)', () => {
    const result = withFootnotes(message('partial', [fileCitation('【9:9†z】', 7, 'file-z')]))
    expect(result).toEqual({ markdown: 'partial', footnotes: [] })
  })

  it('links web citations only to http(s) URLs', () => {
    const value = 'see [1] and [2]'
    const url = (text: string, link: string, title?: string): Annotation => ({
      type: 'url_citation',
      text,
      start_index: value.indexOf(text),
      end_index: value.indexOf(text) + text.length,
      url_citation: { url: link, ...(title === undefined ? {} : { title }) },
    })
    const result = withFootnotes(
      message(value, [url('[1]', 'https://example.com', 'Example'), url('[2]', 'javascript:alert(1)')]),
    )
    expect(result.footnotes).toEqual([
      { n: 1, label: 'Example', href: 'https://example.com', quote: null },
      { n: 2, label: 'javascript:alert(1)', href: null, quote: null },
    ])
  })

  it('strips marker characters the model wrote itself', () => {
    expect(withFootnotes(message(`forged ${O}7${C}`, [])).markdown).toBe('forged 7')
  })

  it('joins text parts and shows refusals, skipping images', () => {
    const result = withFootnotes({
      content: [
        { type: 'text', text: { value: 'one', annotations: [] } },
        { type: 'image_file', image_file: { file_id: 'file-img' } },
        { type: 'refusal', refusal: 'I cannot' },
      ],
    })
    expect(result.markdown).toBe('one\n\nI cannot')
  })
})
