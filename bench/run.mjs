// Entry of `pnpm bench` / `pnpm bench:smoke`: bundles the TypeScript harness with esbuild (workspace packages from
// their `src`, through the `@skein/source` condition; frameworks and openai stay external, one copy each), then runs
// it in a fresh Node process with `--expose-gc` so the harness can collect between measurements.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const mode = process.argv[2] ?? 'full'
if (mode !== 'full' && mode !== 'smoke') {
  console.error(`Unknown mode ${JSON.stringify(mode)}: use "full" or "smoke".`)
  process.exit(2)
}

await build({
  absWorkingDir: here,
  entryPoints: ['src/main.ts', 'src/memoryChild.ts', 'src/renderChild.ts', 'src/domGlobals.ts'],
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@skein/source'],
  external: ['openai', 'openai/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'vue', 'happy-dom', 'size-limit'],
  sourcemap: 'linked',
  logLevel: 'warning',
})

const child = spawnSync(process.execPath, ['--expose-gc', 'dist/main.mjs', mode, ...process.argv.slice(3)], {
  cwd: here,
  stdio: 'inherit',
})
process.exit(child.status ?? 1)
