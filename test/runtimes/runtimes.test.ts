// The runtime matrix: one scenario (scenario.ts: a run streamed from the emulator with a tool round trip) in Node,
// workerd, Vercel's edge runtime, Bun, Deno and Chromium, each from the BUILT packages (globalSetup.ts builds them
// when dist is missing or stale). The emulator is the built one, served over HTTP on 127.0.0.1 by globalSetup.ts.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EdgeVM } from '@edge-runtime/vm'
import { Miniflare } from 'miniflare'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts'
import { bundle, OUT_DIR, writeBundle } from './bundle.ts'
import type { CliOutput } from './entries/cli.ts'
import { type ScenarioResult, WEATHER_OUTPUT } from './scenario.ts'

const api = `${inject('runtimeEmulatorURL')}/v1`
const bin = (name: string): string => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url))

/** What every runtime must report: the same run paused for the tool, resumed with its output, read back over REST. */
function expectScenario(result: ScenarioResult, runtime: string): void {
  expect(result.runtime).toBe(runtime)
  expect(result.threadId).toMatch(/^thread_/)
  expect(result.runId).toMatch(/^run_/)

  expect(result.firstEvents[0]).toBe('thread.run.created')
  expect(result.firstEvents).toContain('thread.run.step.delta')
  expect(result.firstEvents.at(-1)).toBe('thread.run.requires_action')
  expect(result.firstStatus).toBe('requires_action')
  expect(result.toolCall?.name).toBe('get_weather')
  expect(JSON.parse(result.toolCall?.arguments ?? 'null')).toEqual({ location: 'Paris' })
  expect(result.toolCall?.id).toMatch(/^call_/)

  expect(result.secondRunId).toBe(result.runId)
  expect(result.secondEvents.filter((name) => name === 'thread.message.delta').length).toBeGreaterThan(5)
  expect(result.secondEvents.at(-1)).toBe('thread.run.completed')
  expect(result.finalStatus).toBe('completed')
  expect(result.streamedText).toContain(`get_weather returned "${WEATHER_OUTPUT}"`)
  expect(result.listedRole).toBe('assistant')
  expect(result.listedText).toBe(result.streamedText)
  expect(result.totalTokens).toBeGreaterThan(0)
}

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
      resolve({ code, stdout, stderr })
    })
  })
}

function parseCli(ran: Ran): CliOutput {
  // On failure the runtime's own error (stderr) is the useful message.
  expect(ran.code, ran.stderr).toBe(0)
  return JSON.parse(ran.stdout) as CliOutput
}

const DIST_ENTRY = /packages\/core\/dist\/index\.js$/

describe('Node (the built package resolved by Node itself)', () => {
  it('runs the scenario', async () => {
    const { code } = await bundle({ entry: 'cli', format: 'esm', platform: 'node', external: true })
    const output = parseCli(await run(process.execPath, [writeBundle('node.mjs', code), api]))
    expect(output.resolved).toMatch(DIST_ENTRY)
    expectScenario(output.result, 'node')
  })
})

describe('Bun (the built package resolved by Bun itself)', () => {
  it('runs the scenario', async () => {
    const { code } = await bundle({ entry: 'cli', format: 'esm', platform: 'neutral', external: true })
    const output = parseCli(await run(bin('bun'), [writeBundle('bun.mjs', code), api]))
    expect(output.resolved).toMatch(DIST_ENTRY)
    expectScenario(output.result, 'bun')
  })
})

describe('Deno (an esbuild bundle, with network access to 127.0.0.1 only)', () => {
  it('runs the scenario', async () => {
    const { code, inputs } = await bundle({
      entry: 'cli',
      format: 'esm',
      platform: 'neutral',
      conditions: ['deno', 'node'],
    })
    expect(inputs).toContain('packages/core/dist/index.js')
    const script = writeBundle('deno.mjs', code)
    const args = ['run', '--no-config', '--no-lock', '--allow-net=127.0.0.1', script, api]
    const env = { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(OUT_DIR, 'deno-dir'), NO_COLOR: '1' }
    const output = parseCli(await run(bin('deno'), args, env))
    expect(output.resolved).toBeNull()
    expectScenario(output.result, 'deno')
  })
})

describe('workerd (miniflare, a module Worker)', () => {
  let mf: Miniflare | undefined

  beforeAll(async () => {
    const { code, inputs } = await bundle({
      entry: 'worker',
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker'],
    })
    expect(inputs).toContain('packages/core/dist/index.js')
    // Web-only: a node: import would not load in a Worker without nodejs_compat.
    expect(code).not.toMatch(/from ?["']node:/)
    mf = new Miniflare({ modules: true, script: code, compatibilityDate: '2026-04-01' })
    await mf.ready
  }, 60_000)

  afterAll(async () => {
    await mf?.dispose()
  })

  it('runs the scenario', async () => {
    const response = await (mf as Miniflare).dispatchFetch(`http://worker.test/?api=${encodeURIComponent(api)}`)
    const body = await response.text()
    expect(response.status, body).toBe(200)
    expectScenario(JSON.parse(body) as ScenarioResult, 'workerd')
  })
})

describe("Vercel's edge runtime (@edge-runtime/vm, an IIFE script)", () => {
  it('runs the scenario', async () => {
    const { code, inputs } = await bundle({
      entry: 'global',
      format: 'iife',
      platform: 'browser',
      conditions: ['edge-light', 'worker'],
    })
    expect(inputs).toContain('packages/core/dist/index.js')
    const vm = new EdgeVM()
    vm.evaluate(code)
    const json = await vm.evaluate<Promise<string>>(`runSkeinScenario(${JSON.stringify(api)})`)
    expectScenario(JSON.parse(json) as ScenarioResult, 'edge-runtime')
  })
})

describe('Chromium (playwright-core, Debian chromium, a page on another origin)', () => {
  let server: Server | undefined
  let context: BrowserContext | undefined
  let userDataDir = ''
  let origin = ''

  beforeAll(async () => {
    const { code, inputs } = await bundle({ entry: 'global', format: 'iife', platform: 'browser' })
    expect(inputs).toContain('packages/core/dist/index.js')
    const page =
      '<!doctype html><meta charset="utf-8"><title>Skein runtime matrix</title><link rel="icon" href="data:,"><script src="/skein.js"></script>'
    server = createServer((request, response) => {
      if (request.url === '/skein.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(code)
      else if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
      else response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    userDataDir = await mkdtemp(join(tmpdir(), 'skein-chromium-'))
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', ...CHROMIUM_ARGS],
    })
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
  })

  it('runs the scenario cross-origin (the emulator answers CORS), with no console error', async () => {
    const page = await (context as BrowserContext).newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(origin)
    const json = await page.evaluate(
      (baseURL) => (globalThis as { runSkeinScenario?: (url: string) => Promise<string> }).runSkeinScenario?.(baseURL),
      api,
    )
    const result = JSON.parse(json ?? 'null') as ScenarioResult
    expectScenario(result, 'browser')
    expect(result.userAgent).toMatch(/Chrome\/\d+/)
    expect(problems).toEqual([])
  })
})
