import { ApiError } from './apiError.ts'

/** Which requests a fault hits, and how many times (default 1). */
export interface FaultMatch {
  /**
   * `METHOD /path` or `/path` (any method). `*` matches within one path segment, `**` any number of segments; the
   * pattern is tried against the request path (without `/v1`) and the route template, e.g.
   * `POST /threads/*\/messages` or `POST /threads/{thread_id}/runs`.
   */
  match: string
  /** How many matching requests it hits before it is used up. @defaultValue 1 */
  times?: number
}

/** Answer with this HTTP status and an API error body instead of handling the request. */
export interface StatusFault {
  kind: 'status'
  status: number
  message?: string
  type?: string
  code?: string | null
  /** Seconds for `Retry-After` (sent by default on 429 and 503). */
  retryAfter?: number
}

/** Wait before handling the request. */
export interface DelayFault {
  kind: 'delay'
  ms: number
}

/** Cut the response body off after N events or N bytes; a run behind it keeps going on the server. */
export interface DropFault {
  kind: 'drop'
  afterEvents?: number
  afterBytes?: number
}

/** Send an `error` event after N events and end the stream (no `done`); the run keeps going on the server. */
export interface ErrorEventFault {
  kind: 'error_event'
  afterEvents?: number
  message?: string
  code?: string | null
}

/**
 * End the run the matched request creates (or resumes) with this status: right after `in_progress` by default, or
 * after `afterDeltas` message deltas of the reply.
 */
export interface RunOutcomeFault {
  kind: 'run_outcome'
  status: 'failed' | 'incomplete' | 'expired' | 'cancelled'
  afterDeltas?: number
  message?: string
  code?: string
}

/** Stream the run the matched request creates (or resumes) with this per-token delay. */
export interface DelayTokensFault {
  kind: 'delay_tokens'
  ms: number
}

/** A fault queued with `emulator.addFault()` or `POST /__emulator/faults`. */
export type Fault = FaultMatch &
  (StatusFault | DelayFault | DropFault | ErrorEventFault | RunOutcomeFault | DelayTokensFault)

const KINDS = ['status', 'delay', 'drop', 'error_event', 'run_outcome', 'delay_tokens']
const OUTCOMES = ['failed', 'incomplete', 'expired', 'cancelled']

function count(value: unknown, name: string, min = 0): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min)) {
    throw new TypeError(`fault.${name} must be an integer >= ${min}, got ${JSON.stringify(value)}.`)
  }
}

/**
 * Checks a fault description (from JSON or code).
 *
 * @param value - the fault
 * @returns the same fault, typed
 */
export function parseFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      'A fault must be an object like { "match": "POST /threads/*/runs", "kind": "status", "status": 500 }.',
    )
  }
  const fault = value as Record<string, unknown>
  if (typeof fault['match'] !== 'string' || fault['match'].trim() === '') {
    throw new TypeError('fault.match must be a string such as "POST /threads/*/messages".')
  }
  if (!KINDS.includes(fault['kind'] as string)) {
    throw new TypeError(`fault.kind must be one of ${KINDS.join(', ')}; got ${JSON.stringify(fault['kind'])}.`)
  }
  count(fault['times'], 'times', 1)
  if (fault['kind'] === 'status') {
    const status = fault['status']
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      throw new TypeError(`fault.status must be an HTTP error status (400-599), got ${JSON.stringify(status)}.`)
    }
    count(fault['retryAfter'], 'retryAfter')
  }
  if (fault['kind'] === 'delay' || fault['kind'] === 'delay_tokens') {
    if (fault['ms'] === undefined) throw new TypeError(`A ${fault['kind']} fault needs ms, e.g. { "ms": 50 }.`)
    count(fault['ms'], 'ms')
  }
  if (fault['kind'] === 'drop') {
    count(fault['afterEvents'], 'afterEvents')
    count(fault['afterBytes'], 'afterBytes')
    if (fault['afterEvents'] === undefined && fault['afterBytes'] === undefined) {
      throw new TypeError(
        'A drop fault needs afterEvents or afterBytes. Did you mean { "kind": "drop", "afterEvents": 3 }?',
      )
    }
  }
  if (fault['kind'] === 'error_event') count(fault['afterEvents'], 'afterEvents')
  if (fault['kind'] === 'run_outcome') {
    if (!OUTCOMES.includes(fault['status'] as string)) {
      throw new TypeError(`fault.status of a run_outcome must be one of ${OUTCOMES.join(', ')}.`)
    }
    count(fault['afterDeltas'], 'afterDeltas')
  }
  return value as Fault
}

function patternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}/?$`)
}

/** The queue of pending faults. */
export interface FaultQueue {
  /** @param fault - queued after the others; validated (throws TypeError) */
  add(fault: Fault): void
  /** Drops every pending fault. */
  clear(): void
  /** @returns the pending faults, with `times` = the uses left */
  list(): Fault[]
  /**
   * Consumes one use of every pending fault that matches the request.
   *
   * @param method - e.g. `POST`
   * @param path - the path without `/v1`
   * @param template - the route template, e.g. `POST /threads/{thread_id}/runs`
   * @returns the matching faults, oldest first
   */
  take(method: string, path: string, template: string | undefined): Fault[]
  /** How many fault uses were consumed since the last reset. */
  readonly applied: number
}

/** @returns an empty fault queue */
export function createFaultQueue(): FaultQueue {
  let pending: { fault: Fault; left: number; method: string; path: RegExp }[] = []
  let applied = 0
  return {
    add(fault) {
      const checked = parseFault(fault)
      const [first = '', second] = checked.match.trim().split(/\s+/, 2)
      const method = second === undefined ? '*' : first.toUpperCase()
      pending.push({ fault: checked, left: checked.times ?? 1, method, path: patternToRegExp(second ?? first) })
    },
    clear() {
      pending = []
    },
    list() {
      return pending.map((item) => ({ ...item.fault, times: item.left }))
    },
    take(method, path, template) {
      const templatePath = template?.slice(template.indexOf(' ') + 1)
      const hits = pending.filter(
        (item) =>
          (item.method === '*' || item.method === method) &&
          (item.path.test(path) || (templatePath !== undefined && item.path.test(templatePath))),
      )
      for (const item of hits) item.left--
      applied += hits.length
      pending = pending.filter((item) => item.left > 0)
      return hits.map((item) => item.fault)
    },
    get applied() {
      return applied
    },
  }
}

/**
 * @param fault - a status fault
 * @returns the API error it answers with: realistic texts for 429, 500 and 503, `Retry-After` on 429/503
 */
export function statusFaultError(fault: StatusFault): ApiError {
  const retryAfter = fault.retryAfter ?? (fault.status === 429 || fault.status === 503 ? 1 : undefined)
  const defaults: Record<number, { message: string; type: string; code: string | null }> = {
    429: {
      message: `Rate limit reached for requests. Please try again in ${retryAfter}s.`,
      type: 'requests',
      code: 'rate_limit_exceeded',
    },
    500: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: null,
    },
    503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
  }
  const base = defaults[fault.status] ?? {
    message: `Emulated fault: HTTP ${fault.status}.`,
    type: fault.status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  }
  return new ApiError(fault.status, fault.message ?? base.message, {
    type: fault.type ?? base.type,
    code: fault.code === undefined ? base.code : fault.code,
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  })
}
