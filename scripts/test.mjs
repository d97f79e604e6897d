#!/usr/bin/env node
// The whole test suite in one command: lint, typecheck, then every vitest project.
// Prints one plain closing line, `N passed, N failed`, which the workplace CI reads.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0

let passed = 0
let failed = 0
const check = (name, ok) => {
  console.log(`check ${name}: ${ok ? 'ok' : 'FAILED'}`)
  if (ok) passed += 1
  else failed += 1
}

check('lint (biome)', run('pnpm', ['exec', 'biome', 'check', '.']))
check('typecheck (tsc)', run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']))

const report = '.vitest.json'
rmSync(report, { force: true })
const vitestOk = run('pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
])
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed += result.numPassedTests
  failed += result.numFailedTests
  // A suite that fails to load has no failed tests but must still fail the run.
  if (!vitestOk && result.numFailedTests === 0) failed += 1
} else {
  failed += 1
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
