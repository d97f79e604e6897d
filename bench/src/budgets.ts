// The budgets of issue 8. A full run fails (exit 1) when one is missed, naming it; the smoke run checks correctness
// only (every benchmark already throws on a wrong result), since timings depend on the machine.
import type { DecodeResult } from './decode.ts'
import type { MemoryResult } from './memory.ts'
import type { ProxyResult } from './proxyBench.ts'
import type { RenderResult } from './render.ts'
import type { SizeResult } from './size.ts'
import { median, middleHalf } from './stats.ts'
import type { TargetName } from './targets.ts'
import type { Variant } from './transcript.ts'

/** One budget and how the run did against it. */
export interface BudgetCheck {
  readonly name: string
  readonly measured: string
  readonly limit: string
  readonly passed: boolean
}

/** Everything one run measured. */
export interface Measurements {
  readonly decode: readonly DecodeResult[]
  readonly memory: readonly MemoryResult[]
  readonly render: readonly RenderResult[]
  readonly proxy: ProxyResult | undefined
  readonly size: readonly SizeResult[] | undefined
}

export const BUDGETS = {
  /** Throughput of skein-lenient over the floor's, at `atDeltas` in `atChunk` chunks. */
  lenientVsFloor: 0.6,
  lenientVsOpenai: 4,
  /** Time at 100k deltas over time at 10k (linear is 10). */
  growth: 12,
  atDeltas: 100_000,
  growthBase: 10_000,
  atChunk: 16 * 1024,
  /** Peak RSS above the floor's, bytes. */
  memoryOverFloor: 40e6,
  renderIntervalMs: 32,
  proxyOverhead: 0.1,
} as const

/** The median time of a decode cell, or NaN when it was not measured. */
export function decodeMs(
  decode: readonly DecodeResult[],
  variant: Variant,
  deltas: number,
  chunkSize: number,
  target: TargetName,
): number {
  return (
    decode.find((r) => r.variant === variant && r.deltas === deltas && r.chunkSize === chunkSize && r.target === target)
      ?.ms ?? Number.NaN
  )
}

/**
 * The ratio `over / under` of a decode cell round by round: both targets ran in the same round, one after the other,
 * so a change in the machine's load between rounds moves both sides.
 */
function roundRatios(
  decode: readonly DecodeResult[],
  variant: Variant,
  over: TargetName,
  under: TargetName,
): readonly number[] {
  const { atDeltas, atChunk } = BUDGETS
  const samples = (target: TargetName): readonly number[] =>
    decode.find((r) => r.variant === variant && r.deltas === atDeltas && r.chunkSize === atChunk && r.target === target)
      ?.samples ?? []
  const bottom = samples(under)
  return samples(over).map((time, round) => time / bottom[round]!)
}

/** Issue 8's size targets in bytes (brotli), by size-limit entry name. */
const SIZE_TARGETS: Readonly<Record<string, number>> = {
  '@skein/core: createClient, streaming a run': 6_000,
  '@skein/react: useThread (+ core)': 8_000,
  '@skein/vue: useThread (+ core)': 8_000,
}

/**
 * Checks every budget the measurements cover.
 *
 * @param m - the measurements of a full run
 * @returns one check per budget
 */
export function checkBudgets(m: Measurements): BudgetCheck[] {
  const checks: BudgetCheck[] = []
  const { atDeltas, atChunk, growthBase } = BUDGETS
  for (const variant of ['text', 'tool'] as const) {
    const lenient = decodeMs(m.decode, variant, atDeltas, atChunk, 'skein-lenient')
    if (Number.isNaN(lenient)) continue
    const floor = decodeMs(m.decode, variant, atDeltas, atChunk, 'floor')
    const openai = decodeMs(m.decode, variant, atDeltas, atChunk, 'openai')
    // Throughput is bytes over time, so a throughput ratio is the inverse time ratio.
    const vsFloor = floor / lenient
    const vsOpenai = openai / lenient
    const growth = lenient / decodeMs(m.decode, variant, growthBase, atChunk, 'skein-lenient')
    const where = `${variant}, ${atDeltas / 1000}k deltas, ${atChunk / 1024} KiB chunks`
    // How much the ratio moved from round to round: the budget sits close enough to the measurement for that to matter.
    const rounds = roundRatios(m.decode, variant, 'floor', 'skein-lenient')
    const [low, high] = middleHalf(rounds)
    checks.push({
      name: `decode: skein lenient / floor throughput (${where})`,
      measured: `${vsFloor.toFixed(2)}x (${rounds.length} rounds, each the ratio of its own two runs: median ${median(rounds).toFixed(2)}x, middle half ${low.toFixed(2)}x to ${high.toFixed(2)}x)`,
      limit: `>= ${BUDGETS.lenientVsFloor}x`,
      passed: vsFloor >= BUDGETS.lenientVsFloor,
    })
    checks.push({
      name: `decode: skein lenient / openai throughput (${where})`,
      measured: `${vsOpenai.toFixed(2)}x`,
      limit: `>= ${BUDGETS.lenientVsOpenai}x`,
      passed: vsOpenai >= BUDGETS.lenientVsOpenai,
    })
    if (!Number.isNaN(growth)) {
      checks.push({
        name: `growth: skein lenient time at ${atDeltas / 1000}k / ${growthBase / 1000}k deltas (${variant})`,
        measured: `${growth.toFixed(2)}x`,
        limit: `<= ${BUDGETS.growth}x`,
        passed: growth <= BUDGETS.growth,
      })
    }
  }
  const floorPeak = m.memory.find((r) => r.target === 'floor')?.peak
  const lenientPeak = m.memory.find((r) => r.target === 'skein-lenient')?.peak
  if (floorPeak !== undefined && lenientPeak !== undefined) {
    const over = lenientPeak - floorPeak
    checks.push({
      name: `memory: skein lenient peak RSS above the floor's (${m.memory[0]!.deltas / 1000}k deltas)`,
      measured: `${(over / 1e6).toFixed(1)} MB`,
      limit: `<= ${BUDGETS.memoryOverFloor / 1e6} MB`,
      passed: over <= BUDGETS.memoryOverFloor,
    })
  }
  for (const r of m.render) {
    checks.push({
      name: `render: ${r.framework} commits while streaming (at most one per ${BUDGETS.renderIntervalMs} ms)`,
      measured: `${r.streamingCommits} in ${r.windowMs.toFixed(0)} ms`,
      limit: `<= ${r.allowedCommits}`,
      passed: r.streamingCommits <= r.allowedCommits,
    })
    checks.push({
      name: `render: ${r.framework} re-renders of finished messages`,
      measured: String(r.finishedReRenders),
      limit: '0',
      passed: r.finishedReRenders === 0,
    })
  }
  if (m.proxy !== undefined) {
    checks.push({
      name: `proxy: overhead on time to last byte (${m.proxy.deltas / 1000}k deltas)`,
      measured: `${(m.proxy.overhead * 100).toFixed(1)}%`,
      limit: `< ${BUDGETS.proxyOverhead * 100}%`,
      passed: m.proxy.overhead < BUDGETS.proxyOverhead,
    })
  }
  for (const entry of m.size ?? []) {
    // The full run judges issue 8's targets; .size-limit.json holds the interim CI limits (the measured sizes), so
    // that CI catches growth while the targets are still out of reach.
    const limit = SIZE_TARGETS[entry.name] ?? entry.limit
    if (limit === undefined) continue
    checks.push({
      name: `size: ${entry.name} (brotli)`,
      measured: `${(entry.size / 1000).toFixed(2)} kB`,
      limit: `<= ${(limit / 1000).toFixed(2)} kB`,
      passed: entry.size <= limit,
    })
  }
  return checks
}

/**
 * The checks of a smoke run: results that do not depend on the machine (finished rows never re-render).
 *
 * @param m - the measurements
 * @returns the checks
 */
export function checkCorrectness(m: Measurements): BudgetCheck[] {
  return m.render.map((r) => ({
    name: `render: ${r.framework} re-renders of finished messages`,
    measured: String(r.finishedReRenders),
    limit: '0',
    passed: r.finishedReRenders === 0,
  }))
}
