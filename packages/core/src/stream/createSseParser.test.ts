// The SSE framing rules (WHATWG event-stream format) the parser follows, each pinned whole and split at every byte.
import { seededRandom } from '@skein/test-support'
import { describe, expect, it } from 'vitest'
import { createSseParser } from './createSseParser.ts'

/** One dispatched message: the parser pushes its name and data as two strings. */
interface SseMessage {
  event: string
  data: string
}

const encoder = new TextEncoder()

interface Parsed {
  messages: SseMessage[]
  strayLine: string | undefined
}

function parse(chunks: readonly (string | Uint8Array)[]): Parsed {
  const pushed: string[] = []
  const parser = createSseParser(pushed)
  for (const chunk of chunks) parser.feed(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
  const strayLine = parser.end()
  const messages: SseMessage[] = []
  for (let i = 0; i < pushed.length; i += 2) messages.push({ event: pushed[i]!, data: pushed[i + 1]! })
  return { messages, strayLine }
}

/** The body parsed whole, and checked to parse the same when split in two at every byte. */
function parseAnyhow(body: string | Uint8Array): Parsed {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const whole = parse([bytes])
  for (let cut = 1; cut < bytes.length; cut++) {
    expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), `split at byte ${cut}`).toEqual(whole)
  }
  return whole
}

const message = (data: string, event = 'message'): SseMessage => ({ event, data })

/** The standard's algorithm, line by line over the whole text: what the streaming parser must agree with. */
function reference(text: string): SseMessage[] {
  const messages: SseMessage[] = []
  let data: string | undefined
  let event = 'message'
  // A lone CR at the very end is no line end (see 'line ends'); the part after the last line end is unfinished.
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(/\r\n|\r|\n/)
  lines.pop()
  for (const line of lines) {
    if (line === '') {
      if (data !== undefined) messages.push({ event, data })
      data = undefined
      event = 'message'
      continue
    }
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1))
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`
    else if (field === 'event') event = value || 'message'
  }
  return messages
}

describe('createSseParser', () => {
  it('agrees with the line-by-line reading of the standard on random bodies, split at random points', () => {
    const random = seededRandom()
    const pieces = ['data', 'data:', 'data: ', 'event: ', 'event', 'id: ', 'retry: 1', ':', ' ', 'x', 'é', '中', '🧵']
    const ends = ['\r', '\n', '\r\n', '\n\n', '\r\r', '\0']
    for (let round = 0; round < 300; round++) {
      let body = round % 7 === 0 ? '\uFEFF' : ''
      for (let n = 0; n < 40; n++) {
        const from = random() < 0.3 ? ends : pieces
        body += from[Math.floor(random() * from.length)]
      }
      const bytes = encoder.encode(body)
      const cuts = [0, ...Array.from({ length: 4 }, () => Math.floor(random() * bytes.length))].sort((a, b) => a - b)
      const chunks = cuts.map((cut, i) => bytes.subarray(cut, cuts[i + 1] ?? bytes.length))
      expect(parse(chunks).messages, JSON.stringify(body)).toEqual(reference(body))
    }
  })

  describe('line ends', () => {
    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ])('reads %s line ends', (_, end) => {
      // The closing comment keeps a lone CR from being the last byte (see the last test of this group).
      const body = ['event: a', 'data: 1', '', 'data: 2', '', ': end'].join(end)
      expect(parseAnyhow(body).messages).toEqual([message('1', 'a'), message('2')])
    })

    it('reads a CR at a chunk end and the LF that starts the next chunk as one line end', () => {
      // Read as two line ends, the pair would be a blank line and dispatch `a` alone.
      expect(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']).messages).toEqual([message('a\nb')])
    })

    it('reads a CR at a chunk end that is not followed by LF as a line end', () => {
      expect(parse(['data: a\r', 'data: b\r', '\r', ': end']).messages).toEqual([message('a\nb')])
    })

    it('reads mixed line ends in one body', () => {
      expect(parseAnyhow('data: a\r\ndata: b\rdata: c\n\r\n').messages).toEqual([message('a\nb\nc')])
    })

    it('does not read a lone CR at the very end of the body as a line end', () => {
      // eventsource-parser's behaviour, pinned by parseEventStream.test.ts: the event it would close is lost.
      expect(parse(['data: a\r\r']).messages).toEqual([])
      expect(parse(['data: a\r\r\n']).messages).toEqual([message('a')])
    })
  })

  describe('fields', () => {
    it('drops one space after the colon, and only one', () => {
      expect(parseAnyhow('data:a\n\ndata: b\n\ndata:  c\n\n').messages).toEqual([
        message('a'),
        message('b'),
        message(' c'),
      ])
    })

    it('keeps colons inside the value', () => {
      expect(parseAnyhow('event:x:y\ndata: {"a":1}\n\n').messages).toEqual([message('{"a":1}', 'x:y')])
    })

    it('reads a line without a colon as a field with an empty value', () => {
      expect(parseAnyhow('event: a\nevent\ndata\n\n').messages).toEqual([message('')])
    })

    it('joins data lines with \\n, empty ones included', () => {
      expect(parseAnyhow('data: a\ndata:\ndata: b\n\ndata:\ndata:\n\n').messages).toEqual([
        message('a\n\nb'),
        message('\n'),
      ])
    })

    it('uses the last event line of an event and forgets the name after each blank line', () => {
      expect(parseAnyhow('event: a\nevent: b\ndata: 1\n\ndata: 2\n\nevent: c\n\ndata: 3\n\n').messages).toEqual([
        message('1', 'b'),
        message('2'),
        message('3'),
      ])
    })

    it('does not dispatch an event without a data line', () => {
      expect(parseAnyhow('event: done\n\n\n\nevent: x\nid: 1\n\n').messages).toEqual([])
    })

    it('ignores id fields, also one that holds NUL or has no value', () => {
      const body = 'id: 1\ndata: a\n\ndata: b\n\nid: 2\u0000\ndata: c\n\nid\ndata: d\n\n'
      const parsed = parseAnyhow(body)
      expect(parsed.messages).toEqual([message('a'), message('b'), message('c'), message('d')])
      expect(parsed.strayLine).toBeUndefined()
    })

    it('ignores comments, retry and unknown fields', () => {
      const body =
        ': hello\n:\nretry: 10\nretry: soon\nfoo: bar\nData: no\ndatax: no\ndat: no\neventx: no\ndata: yes\n\n'
      expect(parseAnyhow(body).messages).toEqual([message('yes')])
    })

    it('matches field names exactly (no leading space, case-sensitive)', () => {
      expect(parseAnyhow(' data: a\nDATA: b\n\ndata: c\n\n').messages).toEqual([message('c')])
    })
  })

  describe('text', () => {
    it('drops a leading byte order mark, also when it is split across chunks', () => {
      const body = encoder.encode('\uFEFFdata: a\n\n')
      expect(body.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
      expect(parseAnyhow(body).messages).toEqual([message('a')])
    })

    it('keeps a byte order mark that is not at the start (it is part of the field name then)', () => {
      expect(parse(['data: a\n\n\uFEFFdata: b\n\n']).messages).toEqual([message('a')])
    })

    it('decodes multi-byte characters split anywhere', () => {
      const text = 'Fil【4:0†x】 🧵 déjà 中文'
      const bytes = encoder.encode(`data: ${text}\n\n`)
      for (let cut = 1; cut < bytes.length; cut++) {
        for (let second = cut + 1; second < bytes.length; second += 3) {
          const chunks = [bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)]
          expect(parse(chunks).messages).toEqual([message(text)])
        }
      }
    })

    it('reads a character cut off at the end of the body as U+FFFD', () => {
      const cut = encoder.encode('data: 中').subarray(0, -1)
      expect(parse([cut, '\n\n']).messages).toEqual([message('\uFFFD')])
      expect(parse([encoder.encode('x: 中').subarray(0, -1)]).strayLine).toBe('x: \uFFFD')
    })

    it('reads a long line that arrives in many small chunks', () => {
      const value = 'x'.repeat(5000)
      const bytes = encoder.encode(`data: ${value}\n\n`)
      const chunks: Uint8Array[] = []
      for (let at = 0; at < bytes.length; at += 7) chunks.push(bytes.subarray(at, at + 7))
      expect(parse(chunks).messages).toEqual([message(value)])
    })
  })

  describe('end of the body', () => {
    it('does not dispatch an event without its closing blank line', () => {
      expect(parseAnyhow('data: a\n\ndata: b\n').messages).toEqual([message('a')])
      expect(parseAnyhow('data: a\n\ndata: b').messages).toEqual([message('a')])
      expect(parse([]).messages).toEqual([])
    })

    it('names the first line that is no SSE field', () => {
      expect(parseAnyhow('<!DOCTYPE html>\n<html>\n').strayLine).toBe('<!DOCTYPE html>')
      expect(parseAnyhow('{"error":{"message":"no"}}\n').strayLine).toBe('{"error":{"message":"no"}}')
    })

    it('names an unfinished last line too (a JSON body often ends without a newline)', () => {
      expect(parseAnyhow('{"error":{"message":"no"}}').strayLine).toBe('{"error":{"message":"no"}}')
    })

    it('does not count comments, known fields, retry or blank and whitespace lines as stray', () => {
      expect(parseAnyhow(': c\nretry: x\nid: 1\nevent: e\ndata: d\n \n\t\n\n').strayLine).toBeUndefined()
    })

    it('keeps the stray line it saw first', () => {
      expect(parseAnyhow('data: a\n\nfirst\nsecond\n').strayLine).toBe('first')
    })
  })
})
