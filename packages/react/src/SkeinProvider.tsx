'use client'

import type { Client } from '@skein/core'
import type { ReactElement, ReactNode } from 'react'
import { SkeinContext } from './useClient.ts'

/** Props of {@link SkeinProvider}. */
export interface SkeinProviderProps {
  /** The client every `useThread` / `useRun` below uses unless it is given one of its own. */
  client: Client
  children?: ReactNode
}

/**
 * Makes a client available to `useThread`, `useRun` and `useClient` in the tree below.
 *
 * @param props - the client and the children
 * @returns the children, inside the context
 * @example
 * ```tsx
 * const client = createClient({ baseURL: '/api/skein' })
 *
 * export function App() {
 *   return (
 *     <SkeinProvider client={client}>
 *       <Chat />
 *     </SkeinProvider>
 *   )
 * }
 * ```
 */
export function SkeinProvider({ client, children }: SkeinProviderProps): ReactElement {
  return <SkeinContext.Provider value={client}>{children}</SkeinContext.Provider>
}
