import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeClient, fakeRegistry } from '../../../test/adapters/fakeStore.ts'
import { SkeinProvider } from './SkeinProvider.tsx'
import { useRun } from './useRun.ts'
import { useThread } from './useThread.ts'

vi.mock('@skein/core', async () => {
  const { fakeRegistry: registry } = await import('../../../test/adapters/fakeStore.ts')
  return { getThreadStore: registry.getThreadStore }
})

const wrapper = ({ children }: { children: ReactNode }) => <SkeinProvider client={fakeClient}>{children}</SkeinProvider>

afterEach(() => fakeRegistry.reset())

describe('useRun', () => {
  it('subscribes to the thread store that useThread uses, and unsubscribes on unmount', () => {
    const { result, unmount } = renderHook(() => ({ thread: useThread('thread_1'), run: useRun('thread_1') }), {
      wrapper,
    })
    const store = fakeRegistry.byId.get('thread_1')!
    expect(fakeRegistry.created).toEqual([store])
    expect(store.listeners()).toBe(2)
    expect(result.current.run.cancel).toBe(store.cancel)
    expect(result.current.run.submitToolOutputs).toBe(store.submitToolOutputs)
    unmount()
    expect(store.listeners()).toBe(0)
  })

  it('renders once per run change and not when only messages change', () => {
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return useRun('thread_1')
      },
      { wrapper },
    )
    const store = fakeRegistry.byId.get('thread_1')!
    const first = result.current
    act(() => store.emit({ messages: [], hasMore: true }))
    expect(renders).toBe(1)
    expect(result.current).toBe(first)
    act(() => store.emit({ status: 'in_progress' }))
    expect(renders).toBe(2)
    expect(result.current.status).toBe('in_progress')
    expect(result.current.cancel).toBe(first.cancel)
  })

  it('never sets the store options (useThread owns them)', () => {
    renderHook(() => useRun('thread_1', { client: fakeClient }))
    expect(fakeRegistry.byId.get('thread_1')?.optionsSeen).toEqual([])
  })
})
