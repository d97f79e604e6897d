import { type Refusal, refuse } from './errors.ts'

/** Every operation the proxy forwards: exactly what the Skein client needs, nothing else. */
export type RouteName =
  | 'threads.create'
  | 'threads.createAndRun'
  | 'threads.retrieve'
  | 'threads.update'
  | 'threads.delete'
  | 'messages.list'
  | 'messages.create'
  | 'messages.retrieve'
  | 'messages.update'
  | 'messages.delete'
  | 'runs.list'
  | 'runs.create'
  | 'runs.retrieve'
  | 'runs.cancel'
  | 'runs.submitToolOutputs'
  | 'steps.list'
  | 'steps.retrieve'
  | 'assistants.retrieve'

/** How a route's JSON body is checked (see `checkBody` in policy.ts); `null` = the route takes no body. */
export type BodyKind =
  | 'thread.create'
  | 'thread.update'
  | 'thread.createAndRun'
  | 'message.create'
  | 'metadata.update'
  | 'run.create'
  | 'run.submitToolOutputs'

/** One allowed (method, path) pair. */
export interface Operation {
  name: RouteName
  method: 'GET' | 'POST' | 'DELETE'
  /** Path segments; `:name` segments are ids. */
  pattern: readonly string[]
  /** The query parameters forwarded for this operation; anything else is a 400. */
  query: readonly string[]
  body: BodyKind | null
}

/** The ids taken from a matched path. */
export interface RouteParams {
  thread?: string
  message?: string
  run?: string
  step?: string
  assistant?: string
}

/** What {@link matchRoute} found. */
export type RouteMatch =
  | { kind: 'found'; operation: Operation; params: RouteParams }
  | { kind: 'method_not_allowed'; allow: readonly string[] }
  | { kind: 'not_found' }

/**
 * Ids and fixed segments alike are `[A-Za-z0-9_-]{1,128}`. Checking every raw segment against this one pattern rejects
 * traversal (`..`, `%2e%2e`), encoded slashes and backslashes (`%2F`, `%5C`), any other percent-encoding, empty
 * segments (`//`, a trailing `/`) and over-long ids, before a route is even looked up.
 */
export const SEGMENT_PATTERN: RegExp = /^[A-Za-z0-9_-]{1,128}$/

const PAGE = ['limit', 'order', 'after', 'before'] as const
const INCLUDE = 'include[]'
const T = ['threads', ':thread'] as const
const R = [...T, 'runs', ':run'] as const

/** Literal routes come before `:id` routes of the same shape, so `/threads/runs` never reads as thread id `runs`. */
const OPERATIONS: readonly Operation[] = [
  { name: 'threads.create', method: 'POST', pattern: ['threads'], query: [], body: 'thread.create' },
  {
    name: 'threads.createAndRun',
    method: 'POST',
    pattern: ['threads', 'runs'],
    query: [],
    body: 'thread.createAndRun',
  },
  { name: 'threads.retrieve', method: 'GET', pattern: T, query: [], body: null },
  { name: 'threads.update', method: 'POST', pattern: T, query: [], body: 'thread.update' },
  { name: 'threads.delete', method: 'DELETE', pattern: T, query: [], body: null },
  { name: 'messages.list', method: 'GET', pattern: [...T, 'messages'], query: [...PAGE, 'run_id'], body: null },
  { name: 'messages.create', method: 'POST', pattern: [...T, 'messages'], query: [], body: 'message.create' },
  { name: 'messages.retrieve', method: 'GET', pattern: [...T, 'messages', ':message'], query: [], body: null },
  {
    name: 'messages.update',
    method: 'POST',
    pattern: [...T, 'messages', ':message'],
    query: [],
    body: 'metadata.update',
  },
  { name: 'messages.delete', method: 'DELETE', pattern: [...T, 'messages', ':message'], query: [], body: null },
  { name: 'runs.list', method: 'GET', pattern: [...T, 'runs'], query: PAGE, body: null },
  { name: 'runs.create', method: 'POST', pattern: [...T, 'runs'], query: [INCLUDE], body: 'run.create' },
  { name: 'runs.retrieve', method: 'GET', pattern: R, query: [], body: null },
  { name: 'runs.cancel', method: 'POST', pattern: [...R, 'cancel'], query: [], body: null },
  {
    name: 'runs.submitToolOutputs',
    method: 'POST',
    pattern: [...R, 'submit_tool_outputs'],
    query: [],
    body: 'run.submitToolOutputs',
  },
  { name: 'steps.list', method: 'GET', pattern: [...R, 'steps'], query: [...PAGE, INCLUDE], body: null },
  { name: 'steps.retrieve', method: 'GET', pattern: [...R, 'steps', ':step'], query: [INCLUDE], body: null },
  { name: 'assistants.retrieve', method: 'GET', pattern: ['assistants', ':assistant'], query: [], body: null },
]

/**
 * Finds the operation for a path below the base path.
 *
 * @param path - the raw (still percent-encoded) path after the base path, starting with `/`
 * @param method - the request method
 * @param exposeAssistants - whether `GET /assistants/{id}` is routed at all
 * @returns the operation with its ids, a 405 with the allowed methods, or not found
 */
export function matchRoute(path: string, method: string, exposeAssistants: boolean): RouteMatch {
  if (!path.startsWith('/')) return { kind: 'not_found' }
  const segments = path.slice(1).split('/')
  if (!segments.every((segment) => SEGMENT_PATTERN.test(segment))) return { kind: 'not_found' }
  const enabled = OPERATIONS.filter((operation) => exposeAssistants || operation.name !== 'assistants.retrieve')
  // The first pattern that fits decides the route (literal before id); then only that pattern's methods count.
  const first = enabled.find((operation) => matchPattern(operation.pattern, segments) !== null)
  if (!first) return { kind: 'not_found' }
  const siblings = enabled.filter((operation) => operation.pattern.join('/') === first.pattern.join('/'))
  const operation = siblings.find((candidate) => candidate.method === method)
  if (!operation) return { kind: 'method_not_allowed', allow: siblings.map((candidate) => candidate.method) }
  return { kind: 'found', operation, params: matchPattern(operation.pattern, segments) ?? {} }
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): RouteParams | null {
  if (pattern.length !== segments.length) return null
  const params: RouteParams = {}
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string
    if (part.startsWith(':')) params[part.slice(1) as keyof RouteParams] = segment
    else if (part !== segment) return null
  }
  return params
}

const QUERY_RULES: Readonly<Record<string, (value: string) => boolean>> = {
  limit: (value) => /^[1-9][0-9]{0,2}$/.test(value) && Number(value) <= 100,
  order: (value) => value === 'asc' || value === 'desc',
  after: (value) => SEGMENT_PATTERN.test(value),
  before: (value) => SEGMENT_PATTERN.test(value),
  run_id: (value) => SEGMENT_PATTERN.test(value),
  // The only value the API defines; anything else would be forwarded blind.
  [INCLUDE]: (value) => value === 'step_details.tool_calls[*].file_search.results[*].content',
}

/**
 * Checks the query string of a request against the operation's parameters and rebuilds it from the checked values,
 * so upstream never sees the raw string. Keys are compared after percent-decoding, so `lim%69t` and `limit` collide.
 *
 * @param search - `url.search` of the request
 * @param allowed - the operation's query parameters
 * @returns the parameters to forward, or a 400 refusal (unknown, repeated or invalid parameter)
 */
export function checkQuery(search: string, allowed: readonly string[]): URLSearchParams | Refusal {
  const incoming = new URLSearchParams(search)
  const seen = new URLSearchParams()
  for (const [key, value] of incoming) {
    if (!allowed.includes(key)) {
      return refuse(
        400,
        'invalid_request_error',
        `Unknown query parameter: '${safeName(key)}'.`,
        'unknown_parameter',
        safeName(key),
      )
    }
    if (seen.has(key)) {
      return refuse(
        400,
        'invalid_request_error',
        `Query parameter '${key}' is given twice.`,
        'duplicate_parameter',
        key,
      )
    }
    if (!QUERY_RULES[key]?.(value)) {
      return refuse(400, 'invalid_request_error', `Invalid value for query parameter '${key}'.`, 'invalid_value', key)
    }
    seen.append(key, value)
  }
  return seen
}

/** Echo a rejected parameter name only when it is harmless; otherwise describe it. */
function safeName(key: string): string {
  return /^[A-Za-z0-9_.[\]-]{1,64}$/.test(key) ? key : '(unprintable)'
}
