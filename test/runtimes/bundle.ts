// Bundles an entry of ./entries for one runtime with esbuild, from the BUILT packages: esbuild's own resolution of
// each package's `exports` (no `@skein/source` condition, no vitest alias, no tsconfig paths), checked on the
// metafile: the bundle must hold `packages/*/dist` code and no `packages/*/src` file.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build, type Platform } from 'esbuild'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

/** Where bundles that must resolve workspace packages at run time are written: below test/node_modules (ignored). */
export const OUT_DIR: string = here('../node_modules/.cache/skein-runtimes/')

/** How to bundle one entry. */
export interface BundleTarget {
  entry: 'cli' | 'global' | 'worker'
  format: 'esm' | 'iife'
  platform: Platform
  /** Export conditions of the target runtime (esbuild adds `import`/`default`, and `browser`/`node` per platform). */
  conditions?: string[]
  /** Leave every package import to the runtime (Node, Bun): then its own resolution of `exports` is tested. */
  external?: boolean
}

/** A bundle: the code and the repository-relative paths of the files it was made from. */
export interface Bundle {
  code: string
  inputs: string[]
}

/**
 * Bundles `entries/<entry>.ts` for a runtime.
 *
 * @param target - entry, format, platform and conditions
 * @returns the code and its inputs
 */
export async function bundle(target: BundleTarget): Promise<Bundle> {
  const result = await build({
    entryPoints: [here(`./entries/${target.entry}.ts`)],
    absWorkingDir: here('../..'),
    bundle: true,
    format: target.format,
    platform: target.platform,
    target: 'es2022',
    conditions: target.conditions ?? [],
    ...(target.external ? { packages: 'external' as const } : {}),
    // The repository's tsconfig names the `@skein/source` condition: keep esbuild away from it.
    tsconfigRaw: '{}',
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.text ?? ''
  const inputs = Object.keys(result.metafile.inputs)
  const fromSource = inputs.filter((input) => /^packages\/[^/]+\/src\//.test(input))
  if (fromSource.length > 0) throw new Error(`bundled package source instead of dist: ${fromSource.join(', ')}`)
  return { code, inputs }
}

/**
 * Writes a bundle to {@link OUT_DIR}.
 *
 * @param name - the file name, e.g. `node.mjs`
 * @param code - the bundle
 * @returns the absolute path
 */
export function writeBundle(name: string, code: string): string {
  mkdirSync(OUT_DIR, { recursive: true })
  const path = `${OUT_DIR}${name}`
  writeFileSync(path, code)
  return path
}
