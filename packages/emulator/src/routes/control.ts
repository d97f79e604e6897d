import { ApiError } from '../apiError.ts'
import { type Fault, parseFault } from '../faults.ts'
import { type EmulatorConfig, json, type Route, route } from '../routing.ts'
import type { EmulatorStats } from '../stats.ts'
import { isObject, readJsonBody } from '../validate.ts'

/** The emulator operations behind the `/__emulator/*` routes. */
export interface ControlApi {
  reset(): void
  addFault(fault: Fault): void
  clearFaults(): void
  listFaults(): Fault[]
  stats(): EmulatorStats
  configure(config: Partial<EmulatorConfig>): EmulatorConfig
}

function badControl(error: unknown): ApiError {
  return new ApiError(400, error instanceof Error ? error.message : String(error))
}

function parseConfig(body: Record<string, unknown>): Partial<EmulatorConfig> {
  const config: Partial<EmulatorConfig> = {}
  for (const key of ['tokenDelayMs', 'pollAfterMs'] as const) {
    const value = body[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ApiError(400, `${key} must be a number >= 0, got ${JSON.stringify(value)}.`)
    }
    config[key] = value
  }
  return config
}

/**
 * The emulator's own routes (no auth, no faults, not counted in the stats).
 *
 * @param api - the emulator operations
 * @returns the routes under `/__emulator`
 */
export function controlRoutes(api: ControlApi): Route[] {
  return [
    route('GET /__emulator/health', () => json({ ok: true, name: 'skein-emulator' })),
    route('POST /__emulator/reset', () => {
      api.reset()
      return json({ ok: true })
    }),
    route('GET /__emulator/faults', () => json({ faults: api.listFaults() })),
    route('POST /__emulator/faults', async (ctx) => {
      // One fault, an array of faults, or `{ "faults": [...] }`.
      let body: unknown
      try {
        body = JSON.parse(await ctx.request.text())
      } catch {
        throw new ApiError(400, 'The body must be a JSON fault, an array of faults, or { "faults": [...] }.')
      }
      const list: unknown[] = Array.isArray(body)
        ? body
        : isObject(body) && Array.isArray(body['faults'])
          ? body['faults']
          : [body]
      let checked: Fault[]
      try {
        // Check them all first, so a bad entry queues none of them.
        checked = list.map(parseFault)
      } catch (error) {
        throw badControl(error)
      }
      for (const fault of checked) api.addFault(fault)
      return json({ faults: api.listFaults() })
    }),
    route('DELETE /__emulator/faults', () => {
      api.clearFaults()
      return json({ faults: [] })
    }),
    route('GET /__emulator/stats', () => json(api.stats())),
    route('GET /__emulator/config', () => json(api.configure({}))),
    route('POST /__emulator/config', async (ctx) => json(api.configure(parseConfig(await readJsonBody(ctx.request))))),
  ]
}
