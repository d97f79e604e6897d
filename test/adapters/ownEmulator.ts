// An emulator served on 127.0.0.1 (port 0) by the test file itself, for the roles and live scenarios. The shared one of
// the project's global setup (emulatorSetup.ts) belongs to scenarios.ts: vitest runs the files of a project in parallel,
// and a reset (which ends every open stream) or the request counts of one file would leak into the other. Serving it
// from the file's own process also makes `emulator.stats()` a synchronous read of exactly this file's traffic.
import { createEmulator, type Emulator, listen } from '@skein/emulator'
import { afterAll, beforeAll } from 'vitest'

export interface OwnEmulator {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:53124`. */
  url: () => string
  emulator: () => Emulator
}

/**
 * Serves a fresh emulator for the enclosing `describe` (started in `beforeAll`, closed in `afterAll`).
 *
 * @returns getters for its URL and the emulator object (faults, config, stats, reset)
 */
export function serveOwnEmulator(): OwnEmulator {
  let emulator: Emulator | undefined
  let server: { url: string; close: () => Promise<void> } | undefined
  beforeAll(async () => {
    emulator = createEmulator()
    server = await listen(emulator, { port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await server?.close()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The emulator is not started yet (use it inside a test).')
    return value
  }
  return { url: () => started(server).url, emulator: () => started(emulator) }
}
