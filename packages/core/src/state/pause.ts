/**
 * Resolves after `ms`, or at once when `signal` aborts; leaves no timer or listener behind.
 *
 * @param ms - how long to wait
 * @param signal - ends the wait early
 * @returns a promise that never rejects
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
