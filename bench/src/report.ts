// The one table `pnpm bench` prints, and bench/RESULTS.md with the same figures, the machine and the chart.
import { BUDGETS, type BudgetCheck, decodeMs, type Measurements } from './budgets.ts'
import type { Bar } from './chart.ts'
import type { Machine } from './machine.ts'
import { kb, mb, ms, ratio } from './stats.ts'
import { TARGETS, type TargetName } from './targets.ts'

/** A row of the printed table. */
type Row = readonly [string, string, string, string, string, string]

const HEADER: Row = ['benchmark', 'case', 'target', 'value', 'rate', 'ratio']

const size = (deltas: number): string => (deltas >= 1000 ? `${deltas / 1000}k` : String(deltas))
const chunk = (bytes: number): string => (bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`)

function decodeRows(m: Measurements): Row[] {
  const rows: Row[] = []
  for (const r of m.decode) {
    const seconds = r.ms / 1000
    const floor = decodeMs(m.decode, r.variant, r.deltas, r.chunkSize, 'floor')
    const openai = decodeMs(m.decode, r.variant, r.deltas, r.chunkSize, 'openai')
    const ratios =
      r.target === 'floor' || r.target === 'openai'
        ? ''
        : `${ratio(floor / r.ms)} floor, ${ratio(openai / r.ms)} openai`
    rows.push([
      'decode',
      `${r.variant} ${size(r.deltas)} @ ${chunk(r.chunkSize)}`,
      r.target,
      `${ms(r.ms)} ms`,
      `${(r.events / seconds / 1000).toFixed(0)} k ev/s, ${(r.bytes / 1e6 / seconds).toFixed(1)} MB/s`,
      ratios,
    ])
  }
  const sizes = [...new Set(m.decode.map((r) => r.deltas))].sort((a, b) => a - b)
  const big = sizes.at(-1)
  const base = sizes.at(-2)
  if (big !== undefined && base !== undefined) {
    for (const variant of ['text', 'tool'] as const) {
      for (const target of TARGETS) {
        const growth =
          decodeMs(m.decode, variant, big, BUDGETS.atChunk, target.name) /
          decodeMs(m.decode, variant, base, BUDGETS.atChunk, target.name)
        if (Number.isNaN(growth)) continue
        rows.push([
          'growth',
          `${variant} ${size(big)}/${size(base)} @ 16 KiB`,
          target.name,
          ratio(growth),
          '',
          `linear = ${big / base}x`,
        ])
      }
    }
  }
  return rows
}

function otherRows(m: Measurements): Row[] {
  const rows: Row[] = []
  const floorPeak = m.memory.find((r) => r.target === 'floor')?.peak ?? Number.NaN
  for (const r of m.memory) {
    rows.push([
      'memory',
      `text ${size(r.deltas)} peak RSS`,
      r.target,
      mb(r.peak),
      `${mb(r.before)} before`,
      r.target === 'floor' ? '' : `+${((r.peak - floorPeak) / 1e6).toFixed(1)} MB vs floor`,
    ])
  }
  for (const r of m.render) {
    rows.push([
      'render',
      `${size(r.deltas)} deltas @ 1000/s`,
      r.framework,
      `${r.streamingCommits} commits / ${r.windowMs.toFixed(0)} ms`,
      `${r.commitsPerSecond.toFixed(1)} commits/s`,
      `gap min ${r.minGapMs.toFixed(1)} / median ${r.medianGapMs.toFixed(1)} ms, finished re-renders ${r.finishedReRenders}`,
    ])
  }
  if (m.proxy !== undefined) {
    const p = m.proxy
    rows.push([
      'proxy',
      `${size(p.deltas)} deltas, time to last byte`,
      'direct',
      `${ms(p.directMs)} ms`,
      mb(p.bytes),
      '',
    ])
    rows.push([
      'proxy',
      `${size(p.deltas)} deltas, time to last byte`,
      '@skein/proxy',
      `${ms(p.proxyMs)} ms`,
      mb(p.bytes),
      `${p.overhead >= 0 ? '+' : ''}${(p.overhead * 100).toFixed(1)}% vs direct`,
    ])
  }
  for (const entry of m.size ?? []) {
    rows.push([
      'size',
      entry.name,
      '',
      kb(entry.size),
      'brotli',
      entry.limit === undefined ? 'no budget' : `limit ${kb(entry.limit)}`,
    ])
  }
  return rows
}

/**
 * The printed table: every figure and ratio, then the budget checks.
 *
 * @param m - the measurements
 * @param checks - budget (or correctness) checks
 * @returns text for the terminal
 */
export function formatTable(m: Measurements, checks: readonly BudgetCheck[]): string {
  const rows = [HEADER, ...decodeRows(m), ...otherRows(m)]
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: Row): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd()
  const out = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
  if (checks.length > 0) {
    out.push('')
    for (const check of checks) {
      out.push(`${check.passed ? 'PASS' : 'FAIL'}  ${check.name}: ${check.measured} (budget ${check.limit})`)
    }
  }
  return out.join('\n')
}

const COLORS: Record<TargetName, string> = {
  floor: '#9aa5b1',
  'skein-lenient': '#2f6fdf',
  'skein-strict': '#7aa7f0',
  'skein-off': '#1b3f80',
  openai: '#d9822b',
}

/**
 * The chart's bars: events per second of every target at the budget size, for each variant.
 *
 * @param m - the measurements
 * @returns bars in display order
 */
export function throughputBars(m: Measurements): Bar[] {
  const bars: Bar[] = []
  for (const variant of ['text', 'tool'] as const) {
    for (const target of TARGETS) {
      const r = m.decode.find(
        (x) =>
          x.variant === variant &&
          x.deltas === BUDGETS.atDeltas &&
          x.chunkSize === BUDGETS.atChunk &&
          x.target === target.name,
      )
      if (r === undefined) continue
      bars.push({
        group: `${variant === 'text' ? 'Text reply' : 'Tool-call arguments'}: ${size(r.deltas)} deltas, ${(r.bytes / 1e6).toFixed(1)} MB in 16 KiB chunks`,
        label: target.name,
        value: r.events / (r.ms / 1000),
        color: COLORS[target.name],
      })
    }
  }
  return bars
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escapeCell = (cell: string): string => cell.replace(/\|/g, '\\|')
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n')
}

/**
 * bench/RESULTS.md.
 *
 * @param m - the measurements
 * @param checks - the budget checks
 * @param machine - where it ran
 * @param seconds - how long the run took
 * @returns the Markdown
 */
export function formatResults(
  m: Measurements,
  checks: readonly BudgetCheck[],
  machine: Machine,
  seconds: number,
): string {
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  const failed = checks.filter((check) => !check.passed)
  const decode = decodeRows(m)
  return [
    '# Skein benchmark results',
    '',
    'Written by `pnpm bench` (bench/src/main.ts); do not edit by hand. Every figure is the median of repeated runs',
    'in one process; targets take turns in each round, on identical bytes, and every run is checked to end with the',
    'same final text. Throughput is events (or bytes) over the median wall time of consuming the whole stream.',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memory}; ${machine.os}`,
    `- Node ${machine.node}; load average at start ${machine.load}; run took ${seconds.toFixed(0)} s`,
    `- Versions: ${versions}`,
    '',
    '## Budgets',
    '',
    failed.length === 0 ? 'All budgets met.' : `${failed.length} of ${checks.length} budgets missed.`,
    '',
    markdownTable(
      ['budget', 'measured', 'limit', ''],
      checks.map((check) => [check.name, check.measured, check.limit, check.passed ? 'pass' : '**FAIL**']),
    ),
    '',
    '## Decode throughput',
    '',
    '![Throughput per target](throughput.svg)',
    '',
    'Targets: ' + TARGETS.map((target) => `**${target.name}**: ${target.label}`).join('; ') + '.',
    '',
    markdownTable(
      ['case', 'target', 'median', 'throughput', 'skein vs'],
      decode.filter((row) => row[0] === 'decode').map((row) => [row[1], row[2], row[3], row[4], row[5]]),
    ),
    '',
    '## Growth',
    '',
    markdownTable(
      ['case', 'target', 'time ratio', ''],
      decode.filter((row) => row[0] === 'growth').map((row) => [row[1], row[2], row[3], row[5]]),
    ),
    '',
    '## Memory, render load, proxy, size',
    '',
    markdownTable(['benchmark', 'case', 'target', 'value', 'rate', 'ratio'], otherRows(m)),
    '',
    '## Method',
    '',
    "- Transcripts: `bench/src/transcript.ts` generates Assistants v2 streams with the recorded fixtures' object",
    '  shapes: a text reply of N message deltas (1 to 8 characters: ASCII, JSON escapes, 2/3/4-byte UTF-8) ending in',
    '  `thread.run.completed`, and a tool call of N argument deltas ending in `thread.run.requires_action`.',
    '- Decode: each target reads a `ReadableStream` handing out 16 KiB or 64-byte views of the same bytes. The floor',
    '  splits on blank lines and `JSON.parse`s every event, with no validation and no accumulation. openai is',
    '  `client.beta.threads.runs.stream()` over an injected `fetch` answering with the body, then `finalMessages()`.',
    '- Memory: each target in its own process (`--expose-gc`), the transcript read from a file; peak RSS is',
    '  `process.resourceUsage().maxRSS`.',
    '- Render: React 19 (profiling build, Profiler commits) and Vue 3 on happy-dom, each in its own process, a chat on',
    '  `useThread` with six finished messages and memoized rows, fed by the emulator in-process at 1,000 deltas/s. A',
    '  commit "while streaming" shows the reply unfinished with text; the budget allows one per 32 ms of that window.',
    '- Proxy: `@skein/proxy` in front of the emulator, both served by `listen()` on 127.0.0.1; rounds alternate.',
    "- Size: size-limit with esbuild, brotli, over the packages' built `dist` (entries in `bench/size/`).",
    '',
  ].join('\n')
}
