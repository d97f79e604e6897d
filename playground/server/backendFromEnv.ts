// Where the playground's proxy forwards: the embedded emulator by default, or a real Assistants-compatible upstream
// (any base URL with a key, or an Azure AI Foundry project) chosen by environment variables (README.md).
import { exec } from 'node:child_process'
import { promisify } from 'node:util'
import type { UpstreamOptions } from '@skein/proxy'

/** The embedded emulator (default). */
export interface EmulatorBackend {
  kind: 'emulator'
}

/** A real upstream: the proxy holds its credentials; the browser only ever sees `assistantId`. */
export interface RemoteBackend {
  kind: 'openai' | 'azure'
  upstream: UpstreamOptions
  assistantId: string
  /** Send the playground's tools as a run override (for an assistant created without them). */
  toolsOverride: boolean
}

/** Where the proxy forwards. */
export type Backend = EmulatorBackend | RemoteBackend

/** The environment variables the playground reads. */
export type PlaygroundEnv = Readonly<Record<string, string | undefined>>

// Entra tokens live about an hour; refresh well before that.
const TOKEN_TTL_MS = 45 * 60 * 1000

function tokenFromCommand(command: string): () => Promise<string> {
  let cached: { token: string; at: number } | undefined
  const run = promisify(exec)
  return async () => {
    if (cached !== undefined && Date.now() - cached.at < TOKEN_TTL_MS) return cached.token
    const { stdout } = await run(command, { timeout: 30_000 })
    const token = stdout.trim()
    if (token === '') throw new Error('SKEIN_AZURE_TOKEN_COMMAND printed no token.')
    cached = { token, at: Date.now() }
    return token
  }
}

function credentials(env: PlaygroundEnv, flavor: 'openai' | 'azure'): Pick<UpstreamOptions, 'apiKey' | 'getToken'> {
  const key = env['SKEIN_API_KEY']
  const token = env['SKEIN_AZURE_TOKEN']
  const command = env['SKEIN_AZURE_TOKEN_COMMAND']
  const given = [key, token, command].filter((value) => value !== undefined && value !== '')
  if (given.length !== 1) {
    throw new Error(
      flavor === 'azure'
        ? 'Set exactly one of SKEIN_API_KEY, SKEIN_AZURE_TOKEN or SKEIN_AZURE_TOKEN_COMMAND for the Azure upstream.'
        : 'Set SKEIN_API_KEY for the upstream at SKEIN_UPSTREAM_URL.',
    )
  }
  if (key) return { apiKey: key }
  if (flavor !== 'azure') throw new Error('SKEIN_AZURE_TOKEN(_COMMAND) needs SKEIN_FLAVOR=azure.')
  if (token) return { getToken: () => Promise.resolve(token) }
  return { getToken: tokenFromCommand(command ?? '') }
}

/**
 * Reads the backend from environment variables: none set means the embedded emulator.
 *
 * @param env - e.g. `process.env`
 * @returns the backend
 * @throws Error naming the missing or conflicting variable
 */
export function backendFromEnv(env: PlaygroundEnv): Backend {
  const baseURL = env['SKEIN_UPSTREAM_URL']
  if (baseURL === undefined || baseURL === '') {
    if (env['SKEIN_FLAVOR'] === 'azure')
      throw new Error('SKEIN_FLAVOR=azure needs SKEIN_UPSTREAM_URL (the project endpoint).')
    return { kind: 'emulator' }
  }
  const flavor = env['SKEIN_FLAVOR'] ?? 'openai'
  if (flavor !== 'openai' && flavor !== 'azure')
    throw new Error(`SKEIN_FLAVOR must be openai or azure, got "${flavor}".`)
  const assistantId = env['SKEIN_ASSISTANT_ID']
  if (!assistantId) throw new Error('A real upstream needs SKEIN_ASSISTANT_ID (the assistant the playground talks to).')
  const apiVersion = env['SKEIN_API_VERSION']
  return {
    kind: flavor,
    assistantId,
    toolsOverride: env['SKEIN_TOOLS_OVERRIDE'] === '1',
    upstream: {
      baseURL: baseURL.replace(/\/+$/, ''),
      flavor,
      ...credentials(env, flavor),
      ...(flavor === 'azure' && apiVersion ? { apiVersion } : {}),
    },
  }
}
