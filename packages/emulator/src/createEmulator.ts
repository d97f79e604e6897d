import { ApiError, errorResponse } from './apiError.ts'
import { type EmulatorClock, systemClock } from './clock.ts'
import { createFaultQueue, type Fault, statusFaultError } from './faults.ts'
import { createEventHub } from './hub.ts'
import { createIdGenerator } from './ids.ts'
import { type EmulatorModel, scriptedModel } from './model.ts'
import { assistantRoutes, buildAssistant } from './routes/assistants.ts'
import { controlRoutes } from './routes/control.ts'
import { messageRoutes } from './routes/messages.ts'
import { runRoutes } from './routes/runs.ts'
import { stepRoutes } from './routes/steps.ts'
import { threadRoutes } from './routes/threads.ts'
import { type EmulatorConfig, matchRoute, type Services } from './routing.ts'
import { createRunEngine } from './runEngine.ts'
import { truncatedBody } from './sse.ts'
import { createState } from './state.ts'
import { createStatsRecorder, type EmulatorStats } from './stats.ts'
import type { Body } from './validate.ts'
import type { AssistantTool, Metadata } from './wire.ts'

/** An assistant that exists from the start (and again after every reset). */
export interface AssistantSeed {
  id?: string
  model?: string
  name?: string | null
  description?: string | null
  instructions?: string | null
  tools?: AssistantTool[]
  metadata?: Metadata
  temperature?: number | null
  top_p?: number | null
  response_format?: unknown
}

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** The model behind every run. @defaultValue the scripted model (see README) */
  model?: EmulatorModel
  /** Delay before each streamed token, in ms. @defaultValue 0 */
  tokenDelayMs?: number
  /** The `openai-poll-after-ms` header on run retrieves. @defaultValue 25 */
  pollAfterMs?: number
  /** Time source and scheduler. @defaultValue the system clock */
  clock?: EmulatorClock
  /** When set, API routes require `Authorization: Bearer <requireAuth>` (or `api-key: <requireAuth>`). */
  requireAuth?: string
  /** Assistants to create at start and after every reset. */
  assistants?: readonly AssistantSeed[]
  /** Seed of the id generator. @defaultValue 0x5ce1 */
  seed?: number
  /** Answer CORS preflights and allow any origin. @defaultValue true */
  cors?: boolean
}

/** A running emulator: a Web-standard fetch handler over in-memory state. */
export interface Emulator {
  /** Handles one request (routes at the root and under `/v1`). */
  fetch(request: Request): Promise<Response>
  /** Clears threads, runs, faults, stats and config overrides; open streams end abruptly; seeds come back. */
  reset(): void
  /** Queues a fault (throws TypeError if it is malformed); same as `POST /__emulator/faults`. */
  addFault(fault: Fault): void
  /** Drops pending faults; same as `DELETE /__emulator/faults`. */
  clearFaults(): void
  /** @returns the pending faults with the uses left */
  listFaults(): Fault[]
  /** @returns request counts and more; same as `GET /__emulator/stats` */
  stats(): EmulatorStats
  /** Changes `tokenDelayMs` / `pollAfterMs` for what comes next; @returns the resulting config */
  configure(config: Partial<EmulatorConfig>): EmulatorConfig
}

const API_ROUTES = [...assistantRoutes, ...threadRoutes, ...messageRoutes, ...runRoutes, ...stepRoutes]

function authError(headers: Headers, key: string): ApiError | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1]?.trim()
  const sent = bearer ?? headers.get('api-key') ?? undefined
  if (sent === key) return undefined
  if (sent === undefined) {
    return new ApiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    )
  }
  const masked = sent.length > 8 ? `${sent.slice(0, 4)}***${sent.slice(-4)}` : '***'
  return new ApiError(401, `Incorrect API key provided: ${masked}.`, { code: 'invalid_api_key' })
}

/**
 * Creates an Assistants v2-compatible server as a fetch handler: threads, messages, runs and steps in memory, runs
 * streamed by a scripted (or your) model, faults on demand. Uses web APIs only, so it runs in Node, Deno, Bun and
 * workerd; serve it over HTTP with `listen()`.
 *
 * @param options - model, token delay, clock, auth, seeded assistants
 * @returns the emulator
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ assistants: [{ id: 'asst_demo', model: 'gpt-4o' }] })
 * const server = await listen(emulator, { port: 0 })
 * const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test' })
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? systemClock
  const ids = createIdGenerator(options.seed ?? 0x5ce1)
  const defaults: EmulatorConfig = { tokenDelayMs: options.tokenDelayMs ?? 0, pollAfterMs: options.pollAfterMs ?? 25 }
  const hub = createEventHub()
  const faults = createFaultQueue()
  const stats = createStatsRecorder()
  const services: Services = {
    state: createState(),
    hub,
    ids,
    clock,
    config: { ...defaults },
    engine: createRunEngine({
      get state() {
        return services.state
      },
      hub,
      clock,
      ids,
      model: options.model ?? scriptedModel,
    }),
  }
  const cors = options.cors ?? true
  // The fault queue counts for its whole life; stats report the uses since the last reset.
  let appliedAtReset = 0

  const seed = (): void => {
    for (const { id, ...body } of options.assistants ?? []) {
      const assistant = buildAssistant(services, { model: 'gpt-4o', ...body } as Body, id)
      services.state.assistants.set(assistant.id, assistant)
    }
  }
  try {
    seed()
  } catch (error) {
    throw new TypeError(`createEmulator: invalid assistants seed: ${error instanceof Error ? error.message : error}`)
  }

  const emulator: Emulator = {
    async fetch(request) {
      const base: Record<string, string> = { 'x-request-id': ids.next('req'), 'openai-version': '2020-10-01' }
      if (cors) {
        base['access-control-allow-origin'] = '*'
        base['access-control-expose-headers'] = 'x-request-id, openai-poll-after-ms, retry-after'
      }
      try {
        const url = new URL(request.url)
        const method = request.method.toUpperCase()
        if (method === 'OPTIONS' && cors) {
          return new Response(null, {
            status: 204,
            headers: {
              ...base,
              'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
              'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '*',
              'access-control-max-age': '600',
            },
          })
        }
        const path = url.pathname.replace(/^\/(?:v1|openai)(?=\/|$)/, '') || '/'
        const control = path.startsWith('/__emulator/')
        const match = matchRoute(control ? controlTable : API_ROUTES, method, path)
        const matched: Fault[] = []
        if (!control) {
          stats.record(match?.route.template ?? `${method} ${path}`, request.headers)
          matched.push(...faults.take(method, path, match?.route.template))
          for (const fault of matched) if (fault.kind === 'delay') await clock.sleep(fault.ms, request.signal)
          const status = matched.find((fault) => fault.kind === 'status')
          if (status?.kind === 'status') throw statusFaultError(status)
          const denied = options.requireAuth === undefined ? undefined : authError(request.headers, options.requireAuth)
          if (denied) throw denied
        }
        if (!match) throw new ApiError(404, `Invalid URL (${method} ${url.pathname})`)
        let response = await match.route.handler({ services, request, url, params: match.params, faults: matched })
        const drop = matched.find((fault) => fault.kind === 'drop')
        if (drop && !response.headers.get('content-type')?.startsWith('text/event-stream')) {
          const body = await response.text()
          response = new Response(truncatedBody(body, drop.kind === 'drop' ? (drop.afterBytes ?? 0) : 0), response)
        }
        for (const [name, value] of Object.entries(base)) response.headers.set(name, value)
        return response
      } catch (error) {
        if (error instanceof ApiError) return errorResponse(error, base)
        if (request.signal.aborted) return errorResponse(new ApiError(499, 'The client closed the request.'), base)
        const message = 'The server had an error while processing your request. Sorry about that!'
        return errorResponse(new ApiError(500, message, { type: 'server_error' }), base)
      }
    },
    reset() {
      for (const thread of services.state.threads.values()) {
        for (const record of thread.runs) {
          record.abort.abort()
          record.resume = undefined
        }
      }
      hub.closeAll()
      faults.clear()
      appliedAtReset = faults.applied
      stats.reset()
      services.state = createState()
      services.config = { ...defaults }
      seed()
    },
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    stats: () => ({
      ...stats.snapshot(),
      runsCreated: services.state.counters.runsCreated,
      messagesCreated: services.state.counters.messagesCreated,
      faultsApplied: faults.applied - appliedAtReset,
    }),
    configure(config) {
      services.config = { ...services.config, ...config }
      return { ...services.config }
    },
  }
  // The control routes call back into the emulator object, so they are built once it exists.
  const controlTable = controlRoutes(emulator)
  return emulator
}
