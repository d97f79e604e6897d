// Global setup of the `runtimes` project: builds the packages whose dist is missing or older than their inputs (once,
// before any runtime bundles them), then serves the BUILT emulator on 127.0.0.1 (port 0) for every runtime.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the built emulator serving the runtime matrix (no `/v1`), e.g. `http://127.0.0.1:53124`. */
    runtimeEmulatorURL: string
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The published packages, in build order. */
export const PACKAGES: readonly string[] = ['core', 'emulator', 'proxy', 'react', 'vue']

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const isTestFile = (path: string): boolean => /\.test(-d)?\.tsx?$/.test(path)
const mtime = (path: string): number => statSync(path).mtimeMs

/**
 * The packages to rebuild: no `dist/index.js`, or an input (source, package.json, tsconfig) newer than the oldest
 * emitted file.
 *
 * @returns package folder names, e.g. `['core']`
 */
export function stalePackages(): string[] {
  return PACKAGES.filter((name) => {
    const dir = join(root, 'packages', name)
    const outputs = filesUnder(join(dir, 'dist'))
    if (!existsSync(join(dir, 'dist', 'index.js')) || outputs.length === 0) return true
    const inputs = [
      ...filesUnder(join(dir, 'src')).filter((path) => !isTestFile(path)),
      join(dir, 'package.json'),
      join(dir, 'tsconfig.build.json'),
      join(root, 'tsconfig.base.json'),
    ]
    return Math.max(...inputs.map(mtime)) > Math.min(...outputs.map(mtime))
  })
}

let close: (() => Promise<void>) | undefined

export async function setup(project: TestProject): Promise<void> {
  const stale = stalePackages()
  if (stale.length > 0) {
    const started = performance.now()
    const filters = stale.flatMap((name) => ['--filter', `@skein/${name}`])
    const built = spawnSync('pnpm', [...filters, 'run', 'build'], { cwd: root, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`building ${stale.join(', ')} failed:\n${built.stdout}\n${built.stderr}`)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.error(`runtimes: built ${stale.join(', ')} in ${seconds} s`)
  }
  // The built emulator, not its source: loaded by file URL so no alias or export condition can redirect it.
  const emulatorURL = pathToFileURL(join(root, 'packages/emulator/dist/index.js')).href
  const { createEmulator, listen } = (await import(emulatorURL)) as typeof import('@skein/emulator')
  // A token delay makes the streams real: the reply arrives over many chunks, not as one burst.
  const server = await listen(createEmulator({ tokenDelayMs: 2 }), { port: 0, host: '127.0.0.1' })
  close = server.close
  project.provide('runtimeEmulatorURL', server.url)
}

export async function teardown(): Promise<void> {
  await close?.()
}
