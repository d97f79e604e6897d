/**
 * `AbortSignal.any` where the runtime has it, otherwise {@link followSignals}: Vercel's edge runtime
 * (`@edge-runtime/vm` 5) and older browsers have `AbortSignal.abort`/`timeout` but no `any`.
 *
 * @param signals - the signals to follow
 * @returns a signal aborted as soon as one of `signals` is
 * @example
 * ```ts
 * const signal = anySignal([callerSignal, AbortSignal.timeout(30_000)])
 * ```
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  return AbortSignal.any ? AbortSignal.any(signals) : followSignals(signals)
}

/**
 * The fallback of {@link anySignal}: aborts with the first reason. Its listeners are registered with the result's own
 * signal, so they are all removed once it aborts and a long-lived input keeps no reference to it.
 *
 * @param signals - the signals to follow
 * @returns a signal aborted as soon as one of `signals` is
 */
export function followSignals(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController()
  const { signal } = controller
  for (const input of signals) {
    if (input.aborted) controller.abort(input.reason)
    else input.addEventListener('abort', () => controller.abort(input.reason), { signal })
  }
  return signal
}
