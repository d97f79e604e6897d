/** A Server-Sent-Events parser: body bytes in, messages out (see {@link createSseParser}). */
export interface SseParser {
  /**
   * Parses the next chunk of the body and pushes every message it completes.
   *
   * @param chunk - bytes of the body, split anywhere (inside a CRLF, inside a UTF-8 character)
   */
  feed(chunk: Uint8Array): void
  /**
   * Parses what is left once the body has ended. An event without its closing blank line is not dispatched.
   *
   * @returns the first line of the body that is no SSE field (HTML, JSON, plain text), to explain a body without events
   */
  end(): string | undefined
}

/**
 * The SSE parser of `parseEventStream`, by the rules of the WHATWG event-stream format: UTF-8 with a leading BOM
 * dropped; lines end in CRLF, LF or CR; a blank line dispatches the event, if it had a `data` field; a line is
 * `field: value` (one space after the colon dropped; no colon: the whole line names the field, the value is empty);
 * `data` lines join with `\n`; a line that starts with `:` is a comment; `id`, `retry` and unknown fields are ignored
 * (nothing here reconnects, so the last event id has no use).
 *
 * Each message is pushed as two strings, its event name (`message` when it had none) and its data: no object per
 * event. It runs once per streamed token, so it finds line ends with indexOf, matches `data:` and `event:` in place,
 * and makes no strings but the values and a line split across chunks.
 *
 * @param messages - where the name and the data of each complete message are pushed, in order
 * @returns the parser
 */
export function createSseParser(messages: string[]): SseParser {
  // One decoder for the whole body (`stream: true`), so a character split across chunks decodes whole.
  const decoder = new TextDecoder()
  // The unfinished last line, and the fields of the event being read. `data` stays undefined until a `data` field
  // arrives: an event without one is never dispatched.
  let tail = ''
  let data: string | undefined
  let name = 'message'
  let strayLine: string | undefined

  function parse(chunk: string): void {
    // No line end: the chunk continues the unfinished line. Joining without a scan keeps a long line that arrives in
    // many small chunks linear.
    if (!/[\r\n]/.test(chunk)) {
      tail += chunk
      return
    }
    let text = tail + chunk
    // CR and CRLF become LF, except a CR at the very end: it may be the first half of a CRLF whose LF comes with the
    // next chunk, and waits in `tail` (the scan below only ends lines at LF).
    if (text.includes('\r')) text = text.replace(/\r\n|\r(?!$)/g, '\n')
    let pos = 0
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', pos)) {
      if (end === pos) {
        if (data !== undefined) messages.push(name, data)
        data = undefined
        name = 'message'
      } else {
        // `data:` and `event:` begin nearly every line: matched in place, they need no slice of the line.
        const isData = text.startsWith('data:', pos)
        let line: string | undefined
        let field = isData ? 'data' : 'event'
        let from = pos + (isData ? 5 : 6)
        if (!isData && !text.startsWith('event:', pos)) {
          line = text.slice(pos, end)
          const colon = line.indexOf(':')
          field = colon < 0 ? line : line.slice(0, colon)
          from = colon < 0 ? end : pos + colon + 1
        }
        // One space after the colon is dropped (the character at `end` is the LF).
        if (text.charCodeAt(from) === 32) from++
        if (field === 'data') {
          const value = text.slice(from, end)
          data = data === undefined ? value : `${data}\n${value}`
        } else if (field === 'event') name = text.slice(from, end) || 'message'
        else if (field !== '' && field !== 'id' && field !== 'retry' && strayLine === undefined && line!.trim()) {
          // Not an SSE field ('' is a comment): HTML, JSON or plain text explains a failure if no event arrives.
          strayLine = line
        }
      }
      pos = end + 1
    }
    tail = text.slice(pos)
  }

  return {
    feed(chunk) {
      parse(decoder.decode(chunk, { stream: true }))
    },
    end() {
      // An incomplete last character becomes U+FFFD (as in TextDecoderStream).
      parse(decoder.decode())
      // The unfinished last line still counts for `strayLine` (a JSON body often has no final newline); it cannot
      // dispatch. A lone CR left at the very end is not read as a line end, so an event it would close is lost, as
      // with eventsource-parser (parseEventStream.test.ts pins this).
      if (tail !== '' && tail !== '\r') parse('\n')
      return strayLine
    },
  }
}
