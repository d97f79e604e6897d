// An emulator clock that paces tokens at an exact average rate: each `sleep(ms)` waits until `ms` after the previous
// token's due time (not after now), so timer lateness does not slow the stream down; a token that is already late
// goes out at the next turn of the event loop (setImmediate, so timers and I/O still run in between).
import type { EmulatorClock } from '@skein/emulator'

/**
 * Creates the clock.
 *
 * @returns an EmulatorClock for `createEmulator({ clock, tokenDelayMs })`
 */
export function createPacedClock(): EmulatorClock {
  let due: number | undefined
  return {
    now: () => Date.now(),
    sleep(ms, signal) {
      const now = performance.now()
      due = (due === undefined ? now : Math.max(due, now - 50)) + ms
      const wait = due - now
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason)
          return
        }
        if (wait > 0.5) setTimeout(resolve, wait)
        else setImmediate(resolve)
      })
    },
  }
}
