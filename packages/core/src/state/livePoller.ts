/** What the live poller needs to know about the page: whether anyone can see it and whether the network is there. */
export interface LiveEnvironment {
  isVisible(): boolean
  isOnline(): boolean
  /** Calls `listener` when visibility or connectivity changes; returns the function that stops it. */
  subscribe(listener: () => void): () => void
}

/** The outcome of one refresh: something arrived, nothing did, or the server asked us to wait. */
export type LiveTickResult = 'changed' | 'unchanged' | { readonly retryAfterMs: number }

/** A timer that refreshes politely. */
export interface LivePoller {
  start(): void
  stop(): void
}

interface EventSource {
  addEventListener(type: string, listener: () => void): void
  removeEventListener(type: string, listener: () => void): void
}

/**
 * The browser's page visibility (`document.visibilityState`) and connectivity (`navigator.onLine`), read when called;
 * in runtimes without them the page counts as visible and online.
 *
 * @returns the default environment
 */
export function browserEnvironment(): LiveEnvironment {
  const scope = globalThis as {
    document?: EventSource & { visibilityState?: string }
    navigator?: { onLine?: boolean }
  } & Partial<EventSource>
  return {
    isVisible: () => scope.document?.visibilityState !== 'hidden',
    isOnline: () => scope.navigator?.onLine !== false,
    subscribe(listener) {
      scope.document?.addEventListener('visibilitychange', listener)
      scope.addEventListener?.('online', listener)
      scope.addEventListener?.('offline', listener)
      return () => {
        scope.document?.removeEventListener('visibilitychange', listener)
        scope.removeEventListener?.('online', listener)
        scope.removeEventListener?.('offline', listener)
      }
    },
  }
}

/**
 * Creates a poller that calls `tick` every `intervalMs`, doubling the interval while nothing changes (up to
 * `maxIntervalMs`), resetting it when something arrives, waiting at least `retryAfterMs` when the server says so,
 * pausing while the page is hidden or offline, and ticking at once when it becomes visible or online again.
 *
 * @param options - the interval, its ceiling, the environment, and the refresh to run
 * @returns the poller; `start` and `stop` may be called any number of times
 */
export function createLivePoller(options: {
  intervalMs: number
  maxIntervalMs?: number | undefined
  environment?: LiveEnvironment | undefined
  tick: () => Promise<LiveTickResult>
}): LivePoller {
  const base = Math.max(1, options.intervalMs)
  const ceiling = Math.max(base, options.maxIntervalMs ?? base * 8)
  const environment = options.environment ?? browserEnvironment()
  let interval = base
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let ticking = false
  let unsubscribe: (() => void) | undefined

  const awake = () => environment.isVisible() && environment.isOnline()

  function schedule(delay: number): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = running && awake() ? setTimeout(run, delay) : undefined
  }

  async function run(): Promise<void> {
    timer = undefined
    if (!running || ticking || !awake()) return
    ticking = true
    let delay: number
    try {
      const result = await options.tick()
      if (result === 'changed') interval = base
      else interval = Math.min(interval * 2, ceiling)
      delay = typeof result === 'object' ? Math.max(result.retryAfterMs, interval) : interval
    } catch {
      interval = Math.min(interval * 2, ceiling)
      delay = interval
    } finally {
      ticking = false
    }
    schedule(delay)
  }

  function onEnvironmentChange(): void {
    if (!running) return
    if (awake()) {
      // Back from hidden or offline: whatever happened meanwhile should show now.
      interval = base
      if (timer !== undefined) clearTimeout(timer)
      void run()
    } else schedule(0)
  }

  return {
    start() {
      if (running) return
      running = true
      interval = base
      unsubscribe = environment.subscribe(onEnvironmentChange)
      schedule(interval)
    },
    stop() {
      running = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      unsubscribe?.()
      unsubscribe = undefined
    },
  }
}
