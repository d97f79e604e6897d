'use client'

import type { Client } from '@skein/core'
import { useContext } from 'react'
import { SkeinContext } from './SkeinProvider.tsx'

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
  if (resolved === null) {
    throw new TypeError(
      'useClient: no Skein client. Did you mean to wrap the tree in <SkeinProvider client={createClient(...)}> or pass { client }?',
    )
  }
  return resolved
}
