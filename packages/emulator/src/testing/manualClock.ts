// A clock whose sleeps only end when the test says so: it pauses runs at a token boundary without timing assumptions.
import type { EmulatorClock } from '../clock.ts'

/** A controllable clock. */
export interface ManualClock {
  clock: EmulatorClock
  /** How many sleeps are waiting. */
  pending(): number
  /** Ends the oldest waiting sleep (advancing `now` by its duration); returns false when none waits. */
  tick(): boolean
  /** Moves `now` forward without ending sleeps. */
  advance(ms: number): void
}

/**
 * @param start - the initial time in ms (defaults to the time of a real recording)
 * @returns the clock and its controls
 */
export function manualClock(start = 1_761_861_742_000): ManualClock {
  let now = start
  const sleepers: { ms: number; resolve: () => void }[] = []
  return {
    clock: {
      now: () => now,
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason)
          const entry = { ms, resolve }
          sleepers.push(entry)
          signal?.addEventListener(
            'abort',
            () => {
              sleepers.splice(sleepers.indexOf(entry), 1)
              reject(signal.reason)
            },
            { once: true },
          )
        }),
    },
    pending: () => sleepers.length,
    tick() {
      const next = sleepers.shift()
      if (!next) return false
      now += next.ms
      next.resolve()
      return true
    },
    advance(ms) {
      now += ms
    },
  }
}
