// Global setup of the `e2e` project: builds the playground for production once, then serves it with the same server
// module `pnpm playground` uses (production mode, free ports): pages + @skein/proxy on one port, the emulator on
// another. The tests get both URLs through `inject`.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildPlayground } from '../../playground/server/buildPlayground.ts'
import { type RunningPlayground, startPlayground } from '../../playground/server/startPlayground.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the built playground (pages and proxy), e.g. `http://127.0.0.1:53124`. */
    playgroundURL: string
    /** The emulator's own URL: `/__emulator/faults` and friends live there. */
    emulatorURL: string
  }
}

let playground: RunningPlayground | undefined
let distDir: string | undefined

export async function setup(project: TestProject): Promise<void> {
  distDir = await mkdtemp(join(tmpdir(), 'skein-e2e-'))
  await buildPlayground(distDir)
  // env: {} so a developer's SKEIN_UPSTREAM_URL never points the tests at a real upstream. A small token delay makes
  // streaming observable without slowing the suite.
  playground = await startPlayground({
    mode: 'production',
    distDir,
    port: 0,
    emulatorPort: 0,
    tokenDelayMs: 6,
    env: {},
  })
  if (playground.emulatorURL === null) throw new Error('The e2e playground must run on the emulator.')
  project.provide('playgroundURL', playground.url)
  project.provide('emulatorURL', playground.emulatorURL)
}

export async function teardown(): Promise<void> {
  await playground?.close()
  if (distDir !== undefined) await rm(distDir, { recursive: true, force: true })
}
