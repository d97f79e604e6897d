import type { Client } from '@skein/core'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { SkeinProvider } from './SkeinProvider.tsx'
import { useClient } from './useClient.ts'

const client = { name: 'provided' } as unknown as Client
const other = { name: 'explicit' } as unknown as Client

describe('SkeinProvider', () => {
  it('hands its client to useClient', () => {
    const { result } = renderHook(() => useClient(), {
      wrapper: ({ children }: { children: ReactNode }) => <SkeinProvider client={client}>{children}</SkeinProvider>,
    })
    expect(result.current).toBe(client)
  })
})

describe('useClient', () => {
  it('prefers an explicit client over the provider', () => {
    const { result } = renderHook(() => useClient(other), {
      wrapper: ({ children }: { children: ReactNode }) => <SkeinProvider client={client}>{children}</SkeinProvider>,
    })
    expect(result.current).toBe(other)
  })

  it('throws a TypeError with a hint when there is no client', () => {
    expect(() => renderHook(() => useClient())).toThrow(/SkeinProvider/)
    expect(() => renderHook(() => useClient())).toThrow(TypeError)
  })
})
