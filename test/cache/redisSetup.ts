// Global setup of the `cache` project: starts a throwaway redis-server on 127.0.0.1 (a free port, no persistence) for
// the response-cache suite's Redis driver, and stops it at teardown. CI installs it with `apt-get install redis-server`.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:<port>` of the server this setup started. */
    redisURL: string
  }
}

let child: ChildProcess | undefined

/** A port that was free a moment ago (the OS picks it; redis-server binds it right after). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}

export async function setup(project: TestProject): Promise<void> {
  const binary = process.env['REDIS_SERVER'] ?? 'redis-server'
  const port = await freePort()
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--loglevel',
    'notice',
  ]
  const server = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  child = server
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('redis-server did not become ready within 10 s')), 10_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      server.kill('SIGKILL')
      reject(new Error(`${error.message}\n${output}`))
    }
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    }
    server.stdout?.on('data', read)
    server.stderr?.on('data', read)
    server.once('error', (error) =>
      fail(new Error(`cannot start ${binary} (${error.message}); install it with: apt-get install -y redis-server`)),
    )
    server.once('exit', (code) => fail(new Error(`redis-server exited early with code ${code}`)))
  })
  server.removeAllListeners('exit')
  project.provide('redisURL', `redis://127.0.0.1:${port}`)
}

export async function teardown(): Promise<void> {
  const server = child
  child = undefined
  if (server === undefined || server.exitCode !== null) return
  const exited = once(server, 'exit')
  server.kill('SIGTERM')
  await exited
}
