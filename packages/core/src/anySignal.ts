/**
 * `AbortSignal.any` where the runtime has it, otherwise the same built on an `AbortController`: Vercel's edge runtime
 * (`@edge-runtime/vm` 5, primitives 6) has `AbortSignal.abort`/`timeout` but no `any`. The fallback aborts with the
 * first reason and removes its listeners once it has aborted, so a long-lived input signal keeps no reference.
 *
 * @param signals - the signals to follow
 * @returns a signal aborted as soon as one of `signals` is
 * @example
 * ```ts
 * const signal = anySignal([callerSignal, AbortSignal.timeout(30_000)])
 * ```
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  return typeof AbortSignal.any === 'function' ? AbortSignal.any(signals) : followSignals(signals)
}

/**
 * The fallback of {@link anySignal}, built on an `AbortController`.
 *
 * @param signals - the signals to follow
 * @returns a signal aborted as soon as one of `signals` is
 */
export function followSignals(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController()
  const aborted = signals.find((signal) => signal.aborted)
  if (aborted) {
    controller.abort(aborted.reason)
    return controller.signal
  }
  const listeners = signals.map((signal) => {
    const listener = (): void => {
      for (const [source, remove] of listeners) source.removeEventListener('abort', remove)
      controller.abort(signal.reason)
    }
    signal.addEventListener('abort', listener)
    return [signal, listener] as const
  })
  return controller.signal
}
