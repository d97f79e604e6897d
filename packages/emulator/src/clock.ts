/**
 * Time as the emulator sees it. Inject your own to make timestamps and token pacing deterministic (e.g. with fake
 * timers); the default reads `Date.now()` and sleeps with `setTimeout`.
 */
export interface EmulatorClock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason when `signal` aborts first.
   *
   * @param ms - how long to wait (> 0)
   * @param signal - stops the wait early
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real clock: `Date.now()` and `setTimeout`, read when called (never at import). */
export const systemClock: EmulatorClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}

/**
 * @param clock - the emulator's clock
 * @returns the current time in Unix seconds, the unit of every `*_at` field
 */
export function nowSeconds(clock: EmulatorClock): number {
  return Math.floor(clock.now() / 1000)
}
