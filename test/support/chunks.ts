/** The seed every chunking test uses (as eventsource-parser's tests do). */
export const SEED = 0xc0ffee

/** A small deterministic PRNG (mulberry32): the same seed gives the same split points on every machine. */
export function seededRandom(seed: number = SEED): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits `bytes` into chunks of `size` bytes (1 = byte by byte). */
export function chunkBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = []
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size))
  return chunks
}

/** Splits `bytes` at `points` distinct seeded random offsets (so splits land inside `\r\n` and inside UTF-8 sequences). */
export function chunkAtRandom(bytes: Uint8Array, points: number, seed: number = SEED): Uint8Array[] {
  const random = seededRandom(seed)
  const cuts = new Set<number>()
  const wanted = Math.min(points, Math.max(0, bytes.length - 1))
  while (cuts.size < wanted) cuts.add(1 + Math.floor(random() * (bytes.length - 1)))
  const sorted = [...cuts].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const cut of sorted) {
    chunks.push(bytes.subarray(start, cut))
    start = cut
  }
  chunks.push(bytes.subarray(start))
  return chunks
}

/** A ReadableStream that yields the given chunks, one per pull. */
export function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++]
      if (chunk === undefined) controller.close()
      else controller.enqueue(chunk)
    },
  })
}
