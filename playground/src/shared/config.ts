// What a page needs from the server before it starts: the assistant id and the run overrides to send. The key and the
// upstream stay on the server.
import { type Client, createClient } from '@skein/core'

/** Where the browser reaches @skein/proxy (same origin as the pages). */
export const PROXY_BASE = '/api/skein'

/** Served at `/__playground/config`. */
export interface PlaygroundConfig {
  /** The assistant that answers (the only one the proxy allows). */
  assistantId: string
  /** Which backend the proxy forwards to, shown in the header. */
  backend: 'emulator' | 'openai' | 'azure'
  /** Run overrides for every run (the tools, when a real assistant lacks them). */
  runOptions: Record<string, unknown>
}

/** Messages per history page: small, so scrolling up visibly loads older history. */
export const PAGE_SIZE = 12

/**
 * Fetches the page config.
 *
 * @returns the config
 * @throws Error when the server does not answer with one
 */
export async function loadConfig(): Promise<PlaygroundConfig> {
  const response = await fetch('/__playground/config', { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`GET /__playground/config: ${response.status}`)
  return (await response.json()) as PlaygroundConfig
}

/**
 * The browser's client: it talks to the proxy only, never with a key.
 *
 * @returns the client
 */
export function createPlaygroundClient(): Client {
  return createClient({ baseURL: PROXY_BASE })
}
