import { describe, expect, it } from 'vitest'
import { readJsonBody, readLimited } from './body.ts'
import { isRefusal } from './errors.ts'

const encoder = new TextEncoder()

/** A request whose body arrives as a stream of chunks, with no Content-Length (like a chunked upload). */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = { 'content-type': 'application/json' }) {
  let pulled = 0
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[pulled]
        pulled += 1
        if (chunk) controller.enqueue(chunk)
        else controller.close()
      },
    },
    { highWaterMark: 0 },
  )
  const request = new Request('http://proxy.test/threads', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit)
  return { request, pulled: () => pulled }
}

function post(
  body: BodyInit | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Request {
  return new Request('http://proxy.test/threads', { method: 'POST', body, headers })
}

describe('readJsonBody', () => {
  it('parses a JSON object', async () => {
    expect(await readJsonBody(post('{"metadata":{"a":"b"}}'), 1024)).toEqual({ metadata: { a: 'b' } })
  })

  it('accepts content-type parameters and any letter case', async () => {
    const request = post('{}', { 'content-type': 'Application/JSON; charset=utf-8' })
    expect(await readJsonBody(request, 1024)).toEqual({})
  })

  it('reads an empty body as no body, with or without a content type', async () => {
    expect(await readJsonBody(post(null, {}), 1024)).toBeNull()
    expect(await readJsonBody(post(''), 1024)).toBeNull()
  })

  it('refuses even an empty body sent as text/plain, the content type a cross-site form can send', async () => {
    const request = post('', {})
    expect(request.headers.get('content-type')).toMatch(/^text\/plain/)
    const result = await readJsonBody(request, 1024)
    expect(isRefusal(result) && result.status).toBe(415)
  })

  it('accepts a body of exactly the limit', async () => {
    const text = `{"a":"${'x'.repeat(1024 - 8)}"}`
    expect(encoder.encode(text).byteLength).toBe(1024)
    expect(isRefusal(await readJsonBody(post(text), 1024))).toBe(false)
  })

  it('refuses a body one byte over the limit with 413', async () => {
    const text = `{"a":"${'x'.repeat(1024 - 7)}"}`
    const result = await readJsonBody(post(text), 1024)
    expect(isRefusal(result) && result.status).toBe(413)
  })

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { request, pulled } = streamed([encoder.encode('{}')], {
      'content-type': 'application/json',
      'content-length': '999999',
    })
    const result = await readJsonBody(request, 1024)
    expect(isRefusal(result) && result.status).toBe(413)
    expect(pulled()).toBe(0)
  })

  it('counts a streamed body without Content-Length and stops pulling once past the limit', async () => {
    const chunks = Array.from({ length: 100 }, () => encoder.encode('x'.repeat(100)))
    const { request, pulled } = streamed(chunks)
    const result = await readJsonBody(request, 1024)
    expect(isRefusal(result) && result.status).toBe(413)
    expect(pulled()).toBeLessThan(20)
  })

  it('does not trust a small Content-Length on a large body', async () => {
    const chunks = Array.from({ length: 30 }, () => encoder.encode('x'.repeat(100)))
    const { request } = streamed(chunks, { 'content-type': 'application/json', 'content-length': '2' })
    const result = await readJsonBody(request, 1024)
    expect(isRefusal(result) && result.status).toBe(413)
  })

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json-patch+json',
    'text/json',
  ])('refuses content type %s with 415 before reading', async (contentType) => {
    const { request, pulled } = streamed([encoder.encode('{}')], { 'content-type': contentType })
    const result = await readJsonBody(request, 1024)
    expect(isRefusal(result) && result.status).toBe(415)
    expect(pulled()).toBe(0)
  })

  it('refuses a non-empty body without a content type with 415', async () => {
    const result = await readJsonBody(post('{}', {}), 1024)
    expect(isRefusal(result) && result.status).toBe(415)
  })

  it.each(['{', 'null', '[]', '"text"', '42', '{"a":1}{"b":2}', "{'a':1}"])('refuses %s with 400', async (text) => {
    const result = await readJsonBody(post(text), 1024)
    expect(isRefusal(result) && result.status).toBe(400)
    expect(isRefusal(result) && result.code).toBe('invalid_json')
  })

  it('refuses a body nested past 64 levels with 400, however deep', async () => {
    for (const depth of [65, 100_000]) {
      const text = `{"metadata":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`
      const result = await readJsonBody(post(text), 1024 * 1024)
      expect(isRefusal(result) && result.message).toMatch(/nested deeper than 64/)
    }
  })

  it('accepts nesting up to 64 levels', async () => {
    const text = `${'{"a":'.repeat(63)}{}${'}'.repeat(63)}`
    expect(isRefusal(await readJsonBody(post(text), 1024))).toBe(false)
  })

  it('refuses bytes that are not UTF-8 with 400', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])
    const result = await readJsonBody(post(bytes), 1024)
    expect(isRefusal(result) && result.message).toMatch(/UTF-8/)
  })
})

describe('readLimited', () => {
  it('joins the chunks in order', async () => {
    const { request } = streamed([encoder.encode('ab'), encoder.encode('cd'), encoder.encode('é')])
    const bytes = await readLimited(request.body, 100)
    expect(new TextDecoder().decode(bytes ?? undefined)).toBe('abcdé')
  })

  it('cancels the source when the limit is passed', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(64)),
      cancel: () => {
        cancelled = true
      },
    })
    expect(await readLimited(body, 100)).toBeNull()
    expect(cancelled).toBe(true)
  })

  it('reads no body as zero bytes', async () => {
    expect((await readLimited(null, 10))?.byteLength).toBe(0)
  })
})
