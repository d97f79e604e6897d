import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

// Tests always run against `src`, never `dist` (TOOLCHAIN.md): every workspace package is aliased to its entry.
const alias = [
  { find: /^@skein\/core$/, replacement: here('./packages/core/src/index.ts') },
  { find: /^@skein\/core\/strict$/, replacement: here('./packages/core/src/strict.ts') },
  { find: /^@skein\/emulator$/, replacement: here('./packages/emulator/src/index.ts') },
  { find: /^@skein\/emulator\/node$/, replacement: here('./packages/emulator/src/node.ts') },
  { find: /^@skein\/react$/, replacement: here('./packages/react/src/index.ts') },
  { find: /^@skein\/vue$/, replacement: here('./packages/vue/src/index.ts') },
  { find: /^@skein\/proxy$/, replacement: here('./packages/proxy/src/index.ts') },
  { find: /^@skein\/test-support$/, replacement: here('./test/support/index.ts') },
]

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 15_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'core', environment: 'node', include: ['packages/core/src/**/*.test.ts'] },
      },
      {
        // The same core suite under Vercel's edge runtime globals (AI SDK does the same).
        extends: true,
        test: { name: 'core-edge', environment: 'edge-runtime', include: ['packages/core/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'emulator', environment: 'node', include: ['packages/emulator/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'proxy', environment: 'node', include: ['packages/proxy/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'proxy-edge', environment: 'edge-runtime', include: ['packages/proxy/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // The runtime matrix has its own project (below): it runs the built packages, not the aliased sources.
          // The browser e2e suite has its own project too: it needs the built playground and Chromium.
          exclude: [...configDefaults.exclude, 'test/runtimes/**', 'test/e2e/**', 'test/cache/**'],
        },
      },
      {
        // The response-cache suite, once per unstorage driver: memory, and Redis against a redis-server that the
        // global setup starts on 127.0.0.1 (a free port) and stops at the end.
        extends: true,
        test: {
          name: 'cache',
          environment: 'node',
          include: ['test/cache/**/*.test.ts'],
          globalSetup: ['test/cache/redisSetup.ts'],
        },
      },
      {
        // The runtime matrix (test/runtimes): Node, workerd, edge-runtime, Bun, Deno and Chromium run the BUILT
        // packages. Not `extends: true`: the root aliases point at `src`, and nothing here may resolve through them.
        test: {
          name: 'runtimes',
          environment: 'node',
          include: ['test/runtimes/**/*.test.ts'],
          globalSetup: ['test/runtimes/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real Chromium against the production build of the playground, its proxy and the emulator (test/e2e).
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Adapter wiring tests, plus the shared scenario suite (test/adapters/scenarios.ts) driven through React.
        extends: true,
        test: {
          name: 'react',
          // happy-dom with the runtime's fetch (see the file): the scenarios speak real HTTP to the emulator.
          environment: './test/adapters/happyDomEnvironment.ts',
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
          globalSetup: ['test/adapters/emulatorSetup.ts'],
        },
      },
      {
        // The same for Vue: one scenario suite, run once per adapter.
        extends: true,
        test: {
          name: 'vue',
          environment: './test/adapters/happyDomEnvironment.ts',
          include: ['packages/vue/src/**/*.test.ts'],
          globalSetup: ['test/adapters/emulatorSetup.ts'],
        },
      },
    ],
  },
})
