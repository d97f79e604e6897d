// The embedded backend: @skein/emulator with one assistant that has the playground's tools, behind a dev key (the
// proxy holds it; the browser never sees it).
import { createEmulator, type Emulator } from '@skein/emulator'
import { PLAYGROUND_TOOLS } from '../src/shared/tools.ts'

/** The id of the playground's assistant on the emulator. */
export const EMULATOR_ASSISTANT_ID = 'asst_playground'

/** The key the proxy uses for the emulator. Not a secret: it only proves the proxy is the one talking. */
export const EMULATOR_DEV_KEY = 'sk-skein-playground-dev'

/**
 * Creates the emulator the playground talks to by default.
 *
 * @param tokenDelayMs - delay before each streamed token, so replies visibly stream
 * @returns the emulator
 */
export function createPlaygroundEmulator(tokenDelayMs: number): Emulator {
  return createEmulator({
    tokenDelayMs,
    requireAuth: EMULATOR_DEV_KEY,
    assistants: [
      {
        id: EMULATOR_ASSISTANT_ID,
        name: 'Skein playground',
        model: 'gpt-4o-mini',
        instructions: 'You are the Skein playground assistant. Use the tools when asked.',
        tools: [...PLAYGROUND_TOOLS],
      },
    ],
  })
}
