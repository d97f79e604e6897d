// Proxy benchmark: the same run stream straight from the emulator and through @skein/proxy, both over real HTTP on
// 127.0.0.1, timed from the request to the last byte. Rounds alternate which path goes first.
import { createEmulator, listen } from '@skein/emulator'
import { createProxy } from '@skein/proxy'
import { MismatchError } from './decode.ts'
import { median } from './stats.ts'

/** Time to last byte, direct and through the proxy. */
export interface ProxyResult {
  readonly deltas: number
  readonly directMs: number
  readonly proxyMs: number
  /** (proxy - direct) / direct. */
  readonly overhead: number
  readonly bytes: number
  readonly directSamples: readonly number[]
  readonly proxySamples: readonly number[]
}

const ASSISTANT = 'asst_bench'

async function json(response: Response): Promise<Record<string, unknown>> {
  if (!response.ok) throw new Error(`proxy bench: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}

/** Streams one run and returns the time to last byte, the body size and the final message text. */
async function streamRun(base: string, threadId: string, deltas: number) {
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
    })
  await json(await post(`/threads/${threadId}/messages`, { role: 'user', content: `[deltas:${deltas}] go` }))
  const start = performance.now()
  const response = await post(`/threads/${threadId}/runs`, { assistant_id: ASSISTANT, stream: true })
  if (!response.ok || response.body === null) throw new Error(`proxy bench: run stream answered ${response.status}`)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    bytes += value.byteLength
  }
  const elapsed = performance.now() - start
  const body = new TextDecoder().decode(Buffer.concat(chunks))
  const completed = body.split('\n\n').find((block) => block.startsWith('event: thread.message.completed\n'))
  const message = completed === undefined ? undefined : JSON.parse(completed.slice(completed.indexOf('\n') + 7))
  const text = (message?.content?.[0]?.text?.value as string | undefined) ?? ''
  return { elapsed, bytes, text }
}

/**
 * Measures the proxy's overhead on one long stream.
 *
 * @param deltas - message deltas per run
 * @param rounds - measured rounds (one more, unmeasured, warms up)
 * @param progress - line logger
 * @returns medians and the overhead ratio
 * @throws MismatchError when the proxied stream ends with another text than the direct one
 */
export async function runProxy(deltas: number, rounds: number, progress: (line: string) => void): Promise<ProxyResult> {
  const emulator = createEmulator({ assistants: [{ id: ASSISTANT, model: 'gpt-4o', tools: [] }] })
  const upstream = await listen(emulator, { port: 0, host: '127.0.0.1' })
  const proxy = createProxy({
    upstream: { baseURL: `${upstream.url}/v1`, apiKey: 'sk-bench-not-a-key' },
    secret: 'skein-bench-secret-0123456789abcdef',
    assistants: [ASSISTANT],
    basePath: '/api/skein',
    authorize: () => ({ userId: 'bench-user' }),
  })
  const front = await listen({ fetch: proxy }, { port: 0, host: '127.0.0.1' })
  try {
    const paths = {
      direct: `${upstream.url}/v1`,
      proxy: `${front.url}/api/skein`,
    }
    const threads = {
      direct: String(
        (
          await json(
            await fetch(`${paths.direct}/threads`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            }),
          )
        ).id,
      ),
      proxy: String(
        (
          await json(
            await fetch(`${paths.proxy}/threads`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            }),
          )
        ).id,
      ),
    }
    const samples = { direct: [] as number[], proxy: [] as number[] }
    let bytes = 0
    for (let round = 0; round <= rounds; round++) {
      const order = round % 2 === 0 ? (['direct', 'proxy'] as const) : (['proxy', 'direct'] as const)
      const texts: Record<string, string> = {}
      for (const path of order) {
        const result = await streamRun(paths[path], threads[path], deltas)
        texts[path] = result.text
        bytes = result.bytes
        if (round > 0) samples[path].push(result.elapsed)
      }
      if (texts.direct !== texts.proxy || (texts.direct ?? '').length === 0) {
        throw new MismatchError(
          `the proxied stream ended with another text than the direct one (${texts.proxy?.length} vs ${texts.direct?.length} characters)`,
        )
      }
    }
    const directMs = median(samples.direct)
    const proxyMs = median(samples.proxy)
    const result = {
      deltas,
      directMs,
      proxyMs,
      overhead: (proxyMs - directMs) / directMs,
      bytes,
      directSamples: samples.direct,
      proxySamples: samples.proxy,
    }
    progress(`proxy ${deltas} deltas: direct ${directMs.toFixed(1)} ms, proxy ${proxyMs.toFixed(1)} ms`)
    return result
  } finally {
    await front.close()
    await upstream.close()
  }
}
