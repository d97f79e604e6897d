#!/usr/bin/env node
/// <reference types="node" />
// `skein-emulator`: prints the URL on stdout (one line, easy to capture), notes on stderr, stops on SIGINT/SIGTERM.
import { CLI_USAGE, parseCliArgs } from './cliArgs.ts'
import { createEmulator } from './createEmulator.ts'
import { listen } from './listen.ts'

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`skein-emulator: ${error instanceof Error ? error.message : error}\n\n${CLI_USAGE}`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    console.log(CLI_USAGE)
    return
  }
  const emulator = createEmulator({
    tokenDelayMs: options.tokenDelayMs,
    assistants: [{ id: options.assistantId, model: 'gpt-4o', name: 'Skein emulator' }],
    ...(options.apiKey === undefined ? {} : { requireAuth: options.apiKey }),
  })
  const server = await listen(emulator, { port: options.port, host: options.host })
  console.log(server.url)
  console.error(
    `skein-emulator: assistant ${options.assistantId}, ${options.tokenDelayMs} ms per token. ` +
      `POST ${server.url}/__emulator/reset clears state. Ctrl+C stops.`,
  )
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('skein-emulator:', error)
  process.exitCode = 1
})
