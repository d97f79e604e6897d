const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'

/** The id prefixes of the Assistants API, as seen in real traffic. */
export type IdKind = 'asst' | 'thread' | 'msg' | 'run' | 'step' | 'call' | 'file' | 'req'

/** Generates ids for one emulator. */
export interface IdGenerator {
  /**
   * @param kind - which object the id is for
   * @returns a fresh id such as `thread_Wq2ScOs1iInUsyhUUDmN5NZH` (24 characters after the prefix, like the real API)
   */
  next(kind: IdKind): string
}

/**
 * Creates a deterministic id generator: the same seed yields the same sequence of ids on every machine, so two runs of
 * a test see the same ids. It is not reseeded by `reset()`, so an id handed out before a reset never comes back.
 *
 * @param seed - PRNG seed
 * @returns the generator
 */
export function createIdGenerator(seed: number): IdGenerator {
  // mulberry32: tiny, fast and good enough for ids that only need to be unique and realistic.
  let state = seed >>> 0
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = (alphabet: string, length: number): string => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
    return out
  }
  return {
    next(kind) {
      // Real shapes: `file-` + 22 characters, `req_` + 32 hex digits, every other kind `<kind>_` + 24 characters.
      if (kind === 'file') return `file-${pick(ALPHABET, 22)}`
      if (kind === 'req') return `req_${pick(HEX, 32)}`
      return `${kind}_${pick(ALPHABET, 24)}`
    },
  }
}
