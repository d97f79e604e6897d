import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from './createEmulator.ts'
import { type Listening, listen } from './listen.ts'
import { parseSse } from './testing/harness.ts'
import { manualClock } from './testing/manualClock.ts'
import type { Assistant, Run, Thread } from './wire.ts'

// The DOM and Node typings of TextDecoderStream disagree on its input type; both accept Uint8Array chunks.
const decoder = () => new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>

const servers: Listening[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(handler: Parameters<typeof listen>[0]): Promise<Listening> {
  const server = await listen(handler, { port: 0, host: '127.0.0.1' })
  servers.push(server)
  return server
}

async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return (await response.json()) as T
}

/** Reads SSE text from a body until an event appears. */
async function readUntil(reader: ReadableStreamDefaultReader<string>, name: string, sofar = ''): Promise<string> {
  let text = sofar
  while (!parseSse(text).some((event) => event.event === name)) {
    const { done, value } = await reader.read()
    if (done) break
    text += value
  }
  return text
}

describe('listen', () => {
  it('serves the emulator over HTTP on a free port, passing bodies and headers through', async () => {
    const emulator = createEmulator()
    const server = await serve(emulator)
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const thread = await post<Thread>(`${server.url}/v1/threads`, { metadata: { a: 'b' } }, { 'x-trace': 'z' })
    expect(thread).toMatchObject({ object: 'thread', metadata: { a: 'b' } })
    expect(emulator.stats().lastRequestHeaders['POST /threads']?.['x-trace']).toBe('z')
    const response = await fetch(`${server.url}/v1/threads/${thread.id}`)
    expect(response.headers.get('x-request-id')).toMatch(/^req_/)
  })

  it('flushes stream events as they happen, before the run is done', async () => {
    const control = manualClock()
    const emulator = createEmulator({ clock: control.clock, tokenDelayMs: 10 })
    const server = await serve(emulator)
    const assistant = await post<Assistant>(`${server.url}/v1/assistants`, { model: 'gpt-4o' })
    const thread = await post<Thread>(`${server.url}/v1/threads`, { messages: [{ role: 'user', content: 'hi' }] })
    const response = await fetch(`${server.url}/v1/threads/${thread.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: assistant.id, stream: true }),
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(decoder()).getReader()
    // The run is parked on its first token: whatever arrives now was flushed, not buffered until the end.
    const text = await readUntil(reader, 'thread.message.in_progress')
    expect(control.pending()).toBe(1)
    expect(parseSse(text).map((event) => event.event)).not.toContain('done')
    while (control.tick()) await readUntil(reader, 'thread.message.delta', '')
    await reader.cancel()
  })

  it('cancels the response body when the client disconnects; the run keeps going', async () => {
    const control = manualClock()
    const emulator = createEmulator({ clock: control.clock, tokenDelayMs: 10 })
    let cancelled = false
    // Wrap the body to see what the listener does with it when the client goes away.
    const server = await serve({
      async fetch(request) {
        const response = await emulator.fetch(request)
        if (!response.body) return response
        const reader = response.body.getReader()
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = await reader.read()
            if (done) controller.close()
            else controller.enqueue(value)
          },
          cancel(reason) {
            cancelled = true
            return reader.cancel(reason)
          },
        })
        return new Response(body, response)
      },
    })
    const assistant = await post<Assistant>(`${server.url}/v1/assistants`, { model: 'gpt-4o' })
    const thread = await post<Thread>(`${server.url}/v1/threads`, { messages: [{ role: 'user', content: 'go on' }] })
    const abort = new AbortController()
    const response = await fetch(`${server.url}/v1/threads/${thread.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: assistant.id, stream: true }),
      signal: abort.signal,
    })
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(decoder()).getReader()
    const text = await readUntil(reader, 'thread.message.in_progress')
    abort.abort()
    await expect.poll(() => cancelled).toBe(true)
    const runId = (JSON.parse(parseSse(text)[0]?.data ?? '{}') as Run).id
    const status = async () =>
      (await (await fetch(`${server.url}/v1/threads/${thread.id}/runs/${runId}`)).json()) as Run
    await expect
      .poll(
        async () => {
          control.tick()
          return (await status()).status
        },
        { interval: 1 },
      )
      .toBe('completed')
  })

  it('cuts the connection when a drop fault fails the body', async () => {
    const emulator = createEmulator()
    const server = await serve(emulator)
    emulator.addFault({ match: 'POST /threads', kind: 'drop', afterBytes: 5 })
    const response = await fetch(`${server.url}/v1/threads`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
  })

  it('close() stops the server', async () => {
    const server = await listen(createEmulator(), { port: 0 })
    await server.close()
    await expect(fetch(`${server.url}/v1/threads`, { method: 'POST' })).rejects.toThrow()
  })
})
