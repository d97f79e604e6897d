#!/usr/bin/env node
// `pnpm playground`: the pages (Vite, with HMR), @skein/proxy at /api/skein and the embedded emulator, on fixed ports.
// `--production` builds first and serves the build instead. The server code is TypeScript, loaded through Vite.
import { createServer as createHttpServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createServer } from 'vite'

const { values } = parseArgs({
  options: {
    production: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.SKEIN_PLAYGROUND_PORT ?? '5173' },
    'emulator-port': { type: 'string', default: process.env.SKEIN_EMULATOR_PORT ?? '8787' },
    host: { type: 'string', default: process.env.SKEIN_PLAYGROUND_HOST ?? '127.0.0.1' },
    'token-delay-ms': { type: 'string', default: process.env.SKEIN_TOKEN_DELAY_MS ?? '12' },
  },
})

const root = fileURLToPath(new URL('.', import.meta.url))
const production = values.production
// Created before Vite so that its HMR websocket shares this port (no second fixed port to collide on).
const server = createHttpServer()
const vite = await createServer({
  root,
  configFile: `${root}vite.config.ts`,
  server: production ? { middlewareMode: true, hmr: false, watch: null } : { middlewareMode: true, hmr: { server } },
  appType: 'mpa',
  logLevel: production ? 'warn' : 'info',
})

try {
  const { buildPlayground } = await vite.ssrLoadModule('/server/buildPlayground.ts')
  const { startPlayground } = await vite.ssrLoadModule('/server/startPlayground.ts')
  const distDir = production ? await buildPlayground() : undefined
  const playground = await startPlayground({
    mode: production ? 'production' : 'development',
    ...(production ? { distDir } : { vite }),
    server,
    host: values.host,
    port: Number(values.port),
    emulatorPort: Number(values['emulator-port']),
    tokenDelayMs: Number(values['token-delay-ms']),
    env: process.env,
  })
  const where = playground.emulatorURL ? `emulator at ${playground.emulatorURL}` : `${playground.backend} upstream`
  console.log(`\n  Skein playground (${production ? 'production' : 'development'}, ${where})\n`)
  console.log(`  React  ${playground.url}/react`)
  console.log(`  Vue    ${playground.url}/vue\n`)
  const stop = async () => {
    await playground.close()
    await vite.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  await vite.close()
  process.exit(1)
}
