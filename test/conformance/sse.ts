// Helpers shared by the conformance tests: a plain SSE splitter for the fixtures and the emulator's fixed framing.

/** One event as written on the wire. */
export interface WireEvent {
  event: string
  data: string
}

/**
 * @param text - an SSE body (`event:` line, `data:` line, blank line per event)
 * @returns the events
 */
export function splitEvents(text: string): WireEvent[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => ({
      event: /^event: ?(.*)$/m.exec(block)?.[1] ?? '',
      data: /^data: ?(.*)$/m.exec(block)?.[1] ?? '',
    }))
}

/**
 * Posts a JSON body and reads the whole SSE answer.
 *
 * @param url - the endpoint
 * @param body - the JSON body (with `stream: true`)
 * @returns the events
 */
export async function postStream(url: string, body: unknown): Promise<WireEvent[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return splitEvents(await response.text())
}

/**
 * Posts a JSON body and parses the JSON answer.
 *
 * @param url - the endpoint
 * @param body - the JSON body
 * @returns the parsed answer
 */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await response.json()) as T
}
