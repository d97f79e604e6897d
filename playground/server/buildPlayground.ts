// Production build of the pages (`vite build`), used by `pnpm playground --production` and the e2e tests. It runs in
// a child process with NODE_ENV=production: in a test runner's process NODE_ENV is `test`, and Vite would then bundle
// React's development build.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The playground folder (where vite.config.ts and the pages' HTML live). */
export const PLAYGROUND_ROOT: string = fileURLToPath(new URL('..', import.meta.url))

/**
 * Builds the React and Vue pages for production.
 *
 * @param outDir - where to write the build @defaultValue `<playground>/dist`
 * @returns the absolute output folder
 * @throws Error with Vite's output when the build fails
 */
export function buildPlayground(outDir: string = join(PLAYGROUND_ROOT, 'dist')): Promise<string> {
  const vite = join(PLAYGROUND_ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const args = [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: PLAYGROUND_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(outDir)
      else reject(new Error(`vite build failed (exit ${code}):\n${output}`))
    })
  })
}
