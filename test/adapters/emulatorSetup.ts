// Global setup of the `react` and `vue` projects: serves @skein/emulator on 127.0.0.1 (port 0) from the main Node
// process, outside the DOM test environment, and hands its URL to the scenario suite (`inject('emulatorURL')`).
import { createEmulator, listen } from '@skein/emulator'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the emulator (no `/v1`), e.g. `http://127.0.0.1:53124`. */
    emulatorURL: string
  }
}

let close: (() => Promise<void>) | undefined

export async function setup(project: TestProject): Promise<void> {
  const server = await listen(createEmulator(), { port: 0, host: '127.0.0.1' })
  close = server.close
  project.provide('emulatorURL', server.url)
}

export async function teardown(): Promise<void> {
  await close?.()
}
