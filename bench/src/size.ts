// Size benchmark: builds the packages (size-limit measures their `dist`, what users install) and runs size-limit with
// the budgets of .size-limit.json, brotli-compressed.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** One size-limit entry. */
export interface SizeResult {
  readonly name: string
  /** Brotli bytes. */
  readonly size: number
  /** The budget in bytes, when the entry has one. */
  readonly limit: number | undefined
  readonly passed: boolean | undefined
}

const benchDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * Builds the measured packages and runs size-limit.
 *
 * @param progress - line logger
 * @returns the entries in config order
 */
export function runSize(progress: (line: string) => void): SizeResult[] {
  const packages = ['@skein/core', '@skein/react', '@skein/vue', '@skein/proxy']
  const build = spawnSync('pnpm', [...packages.flatMap((name) => ['--filter', name]), 'run', 'build'], {
    cwd: benchDir,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`size: the package build failed:\n${build.stdout}\n${build.stderr}`)
  const run = spawnSync(fileURLToPath(new URL('../node_modules/.bin/size-limit', import.meta.url)), ['--json'], {
    cwd: benchDir,
    encoding: 'utf8',
  })
  const json = run.stdout.slice(run.stdout.indexOf('['))
  if (!json.startsWith('[')) throw new Error(`size: size-limit printed no JSON:\n${run.stdout}\n${run.stderr}`)
  const entries = JSON.parse(json) as { name: string; size: number; sizeLimit?: number; passed?: boolean }[]
  const results = entries.map((entry) => ({
    name: entry.name,
    size: entry.size,
    limit: entry.sizeLimit,
    passed: entry.sizeLimit === undefined ? undefined : entry.size <= entry.sizeLimit,
  }))
  progress(`size: ${results.map((r) => `${r.name} ${(r.size / 1000).toFixed(2)} kB`).join(', ')}`)
  return results
}
