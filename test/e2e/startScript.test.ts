// `pnpm playground` runs playground/start.mjs: the development server (Vite, HMR) from the workspace sources, with the
// proxy and the emulator. Started here as a real child process on free ports.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const START = fileURLToPath(new URL('../../playground/start.mjs', import.meta.url))
let child: ChildProcess | undefined

function startDevServer(): Promise<{ react: string; vue: string; output: () => string }> {
  const process_ = spawn(process.execPath, [START, '--port', '0', '--emulator-port', '0'], {
    env: { ...process.env, SKEIN_UPSTREAM_URL: '', SKEIN_FLAVOR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = process_
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start.mjs printed no URLs:\n${output}`)), 20_000)
    const read = (chunk: Buffer): void => {
      output += chunk.toString()
      const react = /React\s+(http:\/\/\S+)/.exec(output)?.[1]
      const vue = /Vue\s+(http:\/\/\S+)/.exec(output)?.[1]
      if (react && vue) {
        clearTimeout(timer)
        resolve({ react, vue, output: () => output })
      }
    }
    process_.stdout?.on('data', read)
    process_.stderr?.on('data', read)
    process_.on('exit', (code) => reject(new Error(`start.mjs exited (${code}):\n${output}`)))
  })
}

afterAll(async () => {
  if (child === undefined || child.exitCode !== null) return
  const exited = new Promise((resolve) => child?.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
})

describe('start.mjs (pnpm playground)', () => {
  it('serves both pages from source with HMR, and the proxy to the emulator, then stops on SIGTERM', async () => {
    const { react, vue } = await startDevServer()
    const page = await fetch(`${react}/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('/@vite/client')
    expect(html).toContain('/src/react/main.tsx')
    expect(await (await fetch(vue)).text()).toContain('/src/vue/main.ts')
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const origin = new URL(react).origin
    const module = await fetch(`${origin}/src/shared/markdown.ts`)
    expect(module.status).toBe(200)
    await module.body?.cancel()
    const thread = await fetch(`${origin}/api/skein/threads`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(thread.status).toBe(200)
    expect(((await thread.json()) as { id: string }).id).toMatch(/^thread_/)
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
    child?.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
