#!/usr/bin/env node
// The whole test suite in one command: system dependencies, lint, typecheck, build, package checks, every vitest
// project, size budgets and a smoke run of every benchmark. Ends with one plain line, `N passed, N failed`, which the
// workplace CI reads. Extra arguments go to vitest (e.g. `pnpm test --project core`).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
const args = process.argv.slice(2)
const partial = args.length > 0

let passed = 0
let failed = 0
function step(name, cmd, cmdArgs) {
  const started = Date.now()
  const ok = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env }).status === 0
  console.log(`check ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  if (ok) passed += 1
  else failed += 1
  return ok
}
const hasWorkspace = (folder) => existsSync(`${folder}/package.json`)

if (!partial) {
  step('system dependencies (chromium, redis-server)', 'bash', ['scripts/ensure-system-deps.sh'])
  step('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.'])
  step('typecheck (tsc)', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'])
  // The playground's .tsx and .vue files need vue-tsc (the root tsc does not see .vue).
  if (hasWorkspace('playground'))
    step('typecheck playground (vue-tsc)', 'pnpm', ['--filter', '@skein/playground', 'run', 'typecheck'])
  // The runtime matrix and the size budgets test the built packages.
  if (step('build', 'pnpm', ['run', 'build'])) step('publint + attw', 'pnpm', ['run', 'check:packages'])
}

const report = '.vitest.json'
rmSync(report, { force: true })
const started = Date.now()
const vitestOk =
  spawnSync(
    'pnpm',
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { stdio: 'inherit', env },
  ).status === 0
console.log(`vitest: ${((Date.now() - started) / 1000).toFixed(1)} s`)
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed += result.numPassedTests
  failed += result.numFailedTests
  // A suite that fails to load has no failed tests but must still fail the run.
  if (!vitestOk && result.numFailedTests === 0) failed += 1
} else {
  failed += 1
}

if (!partial && hasWorkspace('bench')) {
  step('size budgets (size-limit)', 'pnpm', ['run', 'size'])
  step('benchmark smoke run', 'pnpm', ['run', 'bench:smoke'])
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
