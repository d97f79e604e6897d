'use client'

import type { Client } from '@skein/core'
import { type Context, createContext, useContext } from 'react'

/**
 * The client that `SkeinProvider` hands down; read it with `useClient`. It lives here rather than beside the provider
 * so that an app using only the hooks bundles no provider (and no JSX runtime).
 */
export const SkeinContext: Context<Client | null> = createContext<Client | null>(null)

/**
 * The client to use: `client` when given, else the one from the nearest `SkeinProvider`.
 *
 * @param client - an explicit client, which wins over the provider's
 * @returns the client
 * @throws TypeError when there is neither an explicit client nor a provider
 * @example
 * ```tsx
 * function NewThreadButton() {
 *   const client = useClient()
 *   return <button onClick={() => client.threads.create()}>New thread</button>
 * }
 * ```
 */
export function useClient(client?: Client): Client {
  const provided = useContext(SkeinContext)
  const resolved = client ?? provided
  if (!resolved)
    throw new TypeError(
      'useClient: no Skein client. Did you mean to wrap the tree in <SkeinProvider client> or pass { client }?',
    )
  return resolved
}
