import type { LiveOptions } from './storeOptions.ts'

/** What the live poller needs to know about the page: whether anyone can see it and whether the network is there. */
export interface LiveEnvironment {
  isVisible(): boolean
  isOnline(): boolean
  /** Calls `listener` when visibility or connectivity changes; returns the function that stops it. */
  subscribe(listener: () => void): () => void
}

type Listen = (type: string, listener: () => void) => void
type Target = { addEventListener?: Listen; removeEventListener?: Listen }

/**
 * The browser's page visibility (`document.visibilityState`) and connectivity (`navigator.onLine`), read when called;
 * in runtimes without them the page counts as visible and online.
 */
function browserEnvironment(): LiveEnvironment {
  const scope = globalThis as Target & {
    document?: Target & { visibilityState?: string }
    navigator?: { onLine?: boolean }
  }
  const each = (method: keyof Target, listener: () => void) => {
    scope.document?.[method]?.('visibilitychange', listener)
    scope[method]?.('online', listener)
    scope[method]?.('offline', listener)
  }
  return {
    isVisible: () => scope.document?.visibilityState !== 'hidden',
    isOnline: () => scope.navigator?.onLine !== false,
    subscribe(listener) {
      each('addEventListener', listener)
      return () => each('removeEventListener', listener)
    },
  }
}

/**
 * Starts a poller that calls `tick` every `intervalMs`, doubling the interval while nothing changes (up to
 * `maxIntervalMs`), resetting it when something arrives, waiting at least the server's `Retry-After` when `tick`
 * returns one (in ms), pausing while the page is hidden or offline, and ticking at once when it is back.
 *
 * @param options - the interval, its ceiling and the environment
 * @param tick - one refresh: true when something arrived, false when nothing did (or it failed), or a wait in ms
 * @returns the function that stops it
 */
export function startLivePoller(options: LiveOptions, tick: () => Promise<boolean | number>): () => void {
  const base = Math.max(1, options.intervalMs)
  const ceiling = Math.max(base, options.maxIntervalMs ?? base * 8)
  const environment = options.environment ?? browserEnvironment()
  let interval = base
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = true
  let ticking = false

  const awake = () => running && environment.isVisible() && environment.isOnline()

  function schedule(delay: number): void {
    clearTimeout(timer)
    if (awake()) timer = setTimeout(run, delay)
  }

  async function run(): Promise<void> {
    if (ticking || !awake()) return
    ticking = true
    // The store's tick reports its own failures; a throw (an onError that throws) must not stop the poller.
    const result = await tick().catch(() => false)
    ticking = false
    interval = result === true ? base : Math.min(interval * 2, ceiling)
    schedule(typeof result === 'number' ? Math.max(result, interval) : interval)
  }

  // Back from hidden or offline: whatever happened meanwhile should show now. (Gone hidden or offline: a timer that
  // fires meanwhile finds the page asleep and stops.)
  const unsubscribe = environment.subscribe(() => {
    interval = base
    void run()
  })
  schedule(base)
  return () => {
    running = false
    clearTimeout(timer)
    unsubscribe()
  }
}
