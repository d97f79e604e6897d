import type { EmulatorClock } from './clock.ts'
import type { Fault } from './faults.ts'
import type { EventHub } from './hub.ts'
import type { IdGenerator } from './ids.ts'
import type { RunEngine } from './runEngine.ts'
import type { EmulatorState } from './state.ts'

/** Settings that `POST /__emulator/config` can change at run time. */
export interface EmulatorConfig {
  /** Delay before each streamed token, in ms. */
  tokenDelayMs: number
  /** The `openai-poll-after-ms` header sent on run retrieves. */
  pollAfterMs: number
}

/** What route handlers work with. */
export interface Services {
  state: EmulatorState
  engine: RunEngine
  hub: EventHub
  ids: IdGenerator
  clock: EmulatorClock
  config: EmulatorConfig
}

/** One request as a handler sees it. */
export interface RouteContext {
  services: Services
  request: Request
  url: URL
  /** Path parameters by name, e.g. `thread_id`. */
  params: Record<string, string>
  /** The faults this request matched (status and delay faults are already applied). */
  faults: readonly Fault[]
}

/** A route: `template` is `METHOD /path/{param}` and doubles as its key in the stats. */
export interface Route {
  template: string
  handler(ctx: RouteContext): Response | Promise<Response>
}

/**
 * @param template - e.g. `POST /threads/{thread_id}/runs`
 * @param handler - the handler
 * @returns the route
 */
export function route(template: string, handler: Route['handler']): Route {
  return { template, handler }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Finds the route for a request. Literal segments win over parameters (`/threads/runs` is not a thread id).
 *
 * @param routes - the table
 * @param method - the request method
 * @param path - the path without the `/v1` prefix
 * @returns the route and its parameters
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split('/').filter(Boolean)
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined
  for (const candidate of routes) {
    const [routeMethod, routePath = ''] = candidate.template.split(' ')
    if (routeMethod !== method) continue
    const pattern = routePath.split('/').filter(Boolean)
    if (pattern.length !== segments.length) continue
    const params: Record<string, string> = {}
    let literals = 0
    const ok = pattern.every((part, i) => {
      const segment = segments[i] ?? ''
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = safeDecode(segment)
        return segment !== ''
      }
      literals++
      return part === segment
    })
    if (ok && (best === undefined || literals > best.literals)) best = { route: candidate, params, literals }
  }
  return best && { route: best.route, params: best.params }
}

/**
 * @param data - the JSON body
 * @param init - status and headers
 * @returns a JSON response
 */
export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', ...init.headers },
  })
}

/**
 * @param ctx - the request
 * @param name - a path parameter
 * @returns its value (the router guarantees it is present)
 */
export function param(ctx: RouteContext, name: string): string {
  return ctx.params[name] ?? ''
}
