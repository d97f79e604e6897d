// The test environment of the `react` and `vue` projects: happy-dom's DOM (window, document, events) with the
// runtime's own fetch family, as in a browser where fetch is native. happy-dom's fetch leaks an unhandled
// `ECONNRESET` rejection when a server cuts a stream off (the emulator's `drop` fault does exactly that), and its
// AbortSignal is not the one the runtime's fetch expects; the scenarios talk real HTTP to the emulator, so they need
// the real fetch.
import { builtinEnvironments, type Environment } from 'vitest/runtime'

const RUNTIME_KEYS = ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'AbortController', 'AbortSignal']

const environment: Environment = {
  name: 'happy-dom-runtime-fetch',
  viteEnvironment: 'client',
  async setup(global: typeof globalThis, options) {
    const runtime = RUNTIME_KEYS.map((key) => [key, Object.getOwnPropertyDescriptor(global, key)] as const)
    const dom = await builtinEnvironments['happy-dom'].setup(global, options)
    for (const [key, descriptor] of runtime) if (descriptor) Object.defineProperty(global, key, descriptor)
    return { teardown: (target) => dom.teardown(target) }
  },
}

// Vitest loads a custom environment from the module's default export.
export default environment
