// `pnpm bench` (full) and `pnpm bench:smoke`: runs every benchmark, prints one table, and (full only) writes
// bench/RESULTS.md and bench/throughput.svg and fails when a budget is missed. The smoke run uses small sizes and one
// round, checks every result for correctness (as the full run does) and leaves timing budgets alone.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BUDGETS, type BudgetCheck, checkBudgets, checkCorrectness, type Measurements } from './budgets.ts'
import { barChart } from './chart.ts'
import { type DecodeConfig, runDecode } from './decode.ts'
import { describeMachine } from './machine.ts'
import { runMemory } from './memory.ts'
import { runProxy } from './proxyBench.ts'
import { runRender } from './render.ts'
import { formatResults, formatTable, throughputBars } from './report.ts'
import { runSize } from './size.ts'

type Mode = 'full' | 'smoke'

interface Plan {
  readonly decode: DecodeConfig
  readonly memoryDeltas: number
  readonly memoryRuns: number
  readonly renderDeltas: number
  readonly proxyDeltas: number
  readonly proxyRounds: number
  readonly size: boolean
}

const PLANS: Record<Mode, Plan> = {
  full: {
    decode: {
      variants: ['text', 'tool'],
      sizes: [1_000, BUDGETS.growthBase, BUDGETS.atDeltas],
      chunkSizes: [BUDGETS.atChunk, 64],
      // More rounds where a round is cheap; 64-byte chunks of 100k deltas take seconds per target.
      rounds: (deltas, chunkSize) =>
        chunkSize >= BUDGETS.atChunk ? (deltas >= 10_000 ? 15 : 25) : deltas >= 100_000 ? 3 : 7,
    },
    memoryDeltas: BUDGETS.atDeltas,
    memoryRuns: 3,
    renderDeltas: 10_000,
    proxyDeltas: 10_000,
    proxyRounds: 21,
    size: true,
  },
  smoke: {
    decode: { variants: ['text', 'tool'], sizes: [100, 1_000], chunkSizes: [BUDGETS.atChunk, 64], rounds: () => 1 },
    memoryDeltas: 2_000,
    memoryRuns: 1,
    renderDeltas: 300,
    proxyDeltas: 500,
    proxyRounds: 1,
    size: false,
  },
}

const mode = process.argv[2] as Mode
const plan = PLANS[mode]
if (plan === undefined) {
  console.error('usage: main.mjs full|smoke [--only=decode,memory,render,proxy,size]')
  process.exit(2)
}

// The emulator's listener can warn about listeners once per response under backpressure; say it once, not 20 times.
const warned = new Set<string>()
process.removeAllListeners('warning')
process.on('warning', (warning) => {
  if (warned.has(warning.name)) return
  warned.add(warning.name)
  console.error(`(warning, shown once) ${warning.name}: ${warning.message}`)
})

const started = performance.now()
const machine = describeMachine()
const log = (line: string): void =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`)
log(`${mode} run on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.load}`)

// `--only decode,render` runs a subset (for profiling work); such a run writes no results.
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))
const only = onlyArg === undefined ? undefined : new Set(onlyArg.slice('--only='.length).split(','))
const wanted = (name: string): boolean => only === undefined || only.has(name)

const measurements: Measurements = {
  decode: wanted('decode') ? await runDecode(plan.decode, log) : [],
  memory: wanted('memory') ? runMemory(plan.memoryDeltas, plan.memoryRuns, log) : [],
  render: wanted('render') ? runRender(plan.renderDeltas, log) : [],
  proxy: wanted('proxy') ? await runProxy(plan.proxyDeltas, plan.proxyRounds, log) : undefined,
  size: plan.size && wanted('size') ? runSize(log) : undefined,
}
const seconds = (performance.now() - started) / 1000

const checks: BudgetCheck[] = mode === 'full' ? checkBudgets(measurements) : checkCorrectness(measurements)
console.log(formatTable(measurements, checks))

if (mode === 'full' && only === undefined) {
  const here = (file: string): string => fileURLToPath(new URL(`../${file}`, import.meta.url))
  writeFileSync(here('RESULTS.md'), formatResults(measurements, checks, machine, seconds))
  writeFileSync(
    here('throughput.svg'),
    barChart(
      `Decode throughput, events per second (Node ${machine.node}, ${machine.cores} cores)`,
      throughputBars(measurements),
    ),
  )
  log('wrote bench/RESULTS.md and bench/throughput.svg')
}

const failed = checks.filter((check) => !check.passed)
if (failed.length > 0) {
  console.error(`\n${failed.length} ${mode === 'full' ? 'budget(s)' : 'check(s)'} missed:`)
  for (const check of failed) console.error(`  ${check.name}: ${check.measured} (budget ${check.limit})`)
  process.exit(1)
}
console.error(`\n${mode} run: ${checks.length} checks passed in ${seconds.toFixed(0)} s`)
process.exit(0)
