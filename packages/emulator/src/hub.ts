import type { StreamEvent } from './wire.ts'

/** A stream's view of one run's timeline: the events published after it subscribed, in order. */
export interface Subscription {
  /** Resolves with the next event, or `undefined` once the subscription is closed and drained. */
  next(): Promise<StreamEvent | undefined>
  /** Stops receiving; pending and future `next()` calls resolve `undefined`. */
  close(): void
  /** Whether `close()` was called or the hub dropped it. */
  readonly closed: boolean
}

/** Fans a run's events out to the streams that watch it. Runs never wait for their subscribers. */
export interface EventHub {
  /**
   * @param runId - the run to watch
   * @returns a subscription that sees every event published from now on
   */
  subscribe(runId: string): Subscription
  /**
   * Delivers an event to every current subscriber of the run. A `done` event ends those subscriptions.
   *
   * @param runId - the run
   * @param event - the serialized event
   */
  publish(runId: string, event: StreamEvent): void
  /** Ends every subscription at once (used by `reset()`); their streams end abruptly. */
  closeAll(): void
}

/**
 * Creates the hub. Each subscription buffers without bound, which is safe because a run's timeline is finite.
 *
 * @returns the hub
 */
export function createEventHub(): EventHub {
  const subscribers = new Map<string, Set<{ push(event: StreamEvent | undefined): void }>>()

  return {
    subscribe(runId) {
      const queue: (StreamEvent | undefined)[] = []
      let waiting: ((event: StreamEvent | undefined) => void) | undefined
      let closed = false
      const entry = {
        push(event: StreamEvent | undefined) {
          if (closed) return
          if (event === undefined) closed = true
          if (waiting) {
            const resolve = waiting
            waiting = undefined
            resolve(event)
          } else queue.push(event)
        },
      }
      const remove = (): void => {
        const set = subscribers.get(runId)
        set?.delete(entry)
        if (set?.size === 0) subscribers.delete(runId)
      }
      let set = subscribers.get(runId)
      if (!set) {
        set = new Set()
        subscribers.set(runId, set)
      }
      set.add(entry)
      return {
        next() {
          if (queue.length > 0) return Promise.resolve(queue.shift())
          if (closed) return Promise.resolve(undefined)
          return new Promise((resolve) => {
            waiting = resolve
          })
        },
        close() {
          remove()
          entry.push(undefined)
          queue.length = 0
        },
        get closed() {
          return closed
        },
      }
    },
    publish(runId, event) {
      const set = subscribers.get(runId)
      if (!set) return
      for (const entry of set) entry.push(event)
      if (event.event === 'done') {
        for (const entry of set) entry.push(undefined)
        subscribers.delete(runId)
      }
    },
    closeAll() {
      for (const set of subscribers.values()) for (const entry of set) entry.push(undefined)
      subscribers.clear()
    },
  }
}
