// Test helpers for the emulator's own unit tests (excluded from the build and the package).
import { createEmulator, type Emulator, type EmulatorOptions } from '../createEmulator.ts'

/** A parsed SSE event as the tests see it. */
export interface TestEvent {
  event: string
  data: string
}

/** A JSON response, typed loosely by the caller. */
export interface JsonResult<TBody> {
  status: number
  headers: Headers
  body: TBody
}

/** The emulator plus request helpers bound to it. */
export interface Harness {
  emulator: Emulator
  /** Sends a request with a JSON body and parses the JSON answer. */
  call<TBody = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<JsonResult<TBody>>
  /** Sends a request and returns the raw response. */
  raw(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  /** Sends a streaming request and reads every event until the stream ends. */
  stream(path: string, body: unknown): Promise<TestEvent[]>
  /** Creates an assistant (model gpt-4o plus `extra`) and returns its id. */
  assistant(extra?: Record<string, unknown>): Promise<string>
  /** Creates a thread (optionally with a first user message) and returns its id. */
  thread(text?: string): Promise<string>
}

/**
 * @param text - an SSE body written by the emulator
 * @returns its events (the emulator's framing is fixed: `event:` line, `data:` line, blank line)
 */
export function parseSse(text: string): TestEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? ''
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? ''
      return { event, data }
    })
}

/**
 * @param options - emulator options
 * @returns a fresh emulator with helpers
 */
export function harness(options: EmulatorOptions = {}): Harness {
  const emulator = createEmulator(options)
  const raw: Harness['raw'] = (method, path, body, headers = {}) =>
    emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    )
  const call: Harness['call'] = async (method, path, body, headers) => {
    const response = await raw(method, path, body, headers)
    return { status: response.status, headers: response.headers, body: await response.json() }
  }
  return {
    emulator,
    call,
    raw,
    async stream(path, body) {
      const response = await raw('POST', path, body)
      return parseSse(await response.text())
    },
    async assistant(extra = {}) {
      const { body } = await call<{ id: string }>('POST', '/v1/assistants', { model: 'gpt-4o', ...extra })
      return body.id
    },
    async thread(text) {
      const messages = text === undefined ? [] : [{ role: 'user', content: text }]
      const { body } = await call<{ id: string }>('POST', '/v1/threads', { messages })
      return body.id
    },
  }
}

/**
 * @param events - stream events
 * @returns the event names with runs of `thread.message.delta` / `thread.run.step.delta` collapsed to one
 */
export function collapsedNames(events: readonly TestEvent[]): string[] {
  const names: string[] = []
  for (const { event } of events) {
    if (event.endsWith('.delta') && names.at(-1) === event) continue
    names.push(event)
  }
  return names
}
