/** What `GET /__emulator/stats` and `emulator.stats()` report since the last reset. */
export interface EmulatorStats {
  /** Requests per route template, e.g. `{ "POST /threads/{thread_id}/runs": 3 }` (unknown routes by method and path). */
  requests: Record<string, number>
  /** Runs created (by `POST /threads/{id}/runs` and `POST /threads/runs`). */
  runsCreated: number
  /** Messages created by any means: posted, a thread's initial messages, `additional_messages`, and run replies. */
  messagesCreated: number
  /** Fault uses consumed. */
  faultsApplied: number
  /** The headers of the last request per route template (lower-case names), to assert what a proxy forwarded. */
  lastRequestHeaders: Record<string, Record<string, string>>
}

/** Counts requests per route. */
export interface StatsRecorder {
  /**
   * @param key - the route template, or `METHOD /path` for unknown routes
   * @param headers - the request headers
   */
  record(key: string, headers: Headers): void
  /** @returns the per-route counts and headers (copies) */
  snapshot(): Pick<EmulatorStats, 'requests' | 'lastRequestHeaders'>
  /** Forgets everything. */
  reset(): void
}

/** @returns an empty recorder */
export function createStatsRecorder(): StatsRecorder {
  let requests: Record<string, number> = {}
  let headers: Record<string, Record<string, string>> = {}
  return {
    record(key, requestHeaders) {
      requests[key] = (requests[key] ?? 0) + 1
      const copy: Record<string, string> = {}
      requestHeaders.forEach((value, name) => {
        copy[name] = value
      })
      headers[key] = copy
    },
    snapshot() {
      return { requests: { ...requests }, lastRequestHeaders: structuredClone(headers) }
    },
    reset() {
      requests = {}
      headers = {}
    },
  }
}
