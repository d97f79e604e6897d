import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, watchEffect } from 'vue'
import { fakeClient, fakeRegistry } from '../../../test/adapters/fakeStore.ts'
import { useRun } from './useRun.ts'
import { useThread } from './useThread.ts'

vi.mock('@skein/core', async () => {
  const { fakeRegistry: registry } = await import('../../../test/adapters/fakeStore.ts')
  return { getThreadStore: registry.getThreadStore }
})

afterEach(() => fakeRegistry.reset())

describe('useRun', () => {
  it('shares the thread store with useThread and unsubscribes when the scope stops', () => {
    const scope = effectScope()
    scope.run(() => {
      useThread('thread_1', { client: fakeClient })
      useRun('thread_1', { client: fakeClient })
    })
    const store = fakeRegistry.byId.get('thread_1')!
    expect(fakeRegistry.created).toEqual([store])
    expect(store.listeners()).toBe(2)
    scope.stop()
    expect(store.listeners()).toBe(0)
  })

  it('triggers watchers when the run changes and not when only messages change', () => {
    const scope = effectScope()
    let runs = 0
    const run = scope.run(() => {
      const result = useRun('thread_1', { client: fakeClient })
      watchEffect(
        () => {
          runs += 1
          void [result.status.value, result.toolCalls.value, result.usage.value]
        },
        { flush: 'sync' },
      )
      return result
    })!
    const store = fakeRegistry.byId.get('thread_1')!
    store.emit({ hasMore: true, messages: [] })
    expect(runs).toBe(1)
    store.emit({ status: 'in_progress' })
    expect(runs).toBe(2)
    expect(run.status.value).toBe('in_progress')
    scope.stop()
  })

  it('never sets the store options (useThread owns them)', () => {
    const scope = effectScope()
    scope.run(() => useRun('thread_1', { client: fakeClient }))
    expect(fakeRegistry.byId.get('thread_1')?.optionsSeen).toEqual([])
    scope.stop()
  })
})
