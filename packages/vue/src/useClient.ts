import type { Client } from '@skein/core'
import { hasInjectionContext, inject } from 'vue'
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
  if (client !== undefined) return client
  // `inject` only works in setup (or `app.runWithContext`); elsewhere there is nothing to inject from.
  const provided = hasInjectionContext() ? inject(clientKey, null) : null
  if (provided === null) {
    throw new TypeError(
      'useClient: no Skein client. Did you mean app.use(skein, { client: createClient(...) }) or to pass { client }?',
    )
  }
  return provided
}
