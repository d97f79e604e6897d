import type { Client } from '@skein/core'
import { injected } from './injected.ts'
import { clientKey } from './plugin.ts'

/**
 * The client to use: `client` when given, else the one the `skein` plugin provides.
 *
 * @param client - an explicit client, which wins over the plugin's
 * @returns the client
 * @throws TypeError when there is neither an explicit client nor an installed plugin
 * @example
 * ```ts
 * const client = useClient()
 * const thread = await client.threads.create()
 * ```
 */
export function useClient(client?: Client): Client {
  const resolved = client ?? injected(clientKey)
  if (!resolved) throw new TypeError('useClient: no client. Did you mean app.use(skein, { client }) or { client }?')
  return resolved
}
