import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, effectScope, h, nextTick, ref, shallowRef, watchEffect } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { fakeClient, fakeRegistry } from '../../../test/adapters/fakeStore.ts'
import { skein } from './plugin.ts'
import { type UseThreadOptions, useThread } from './useThread.ts'

// Wiring only: the store is a fake (behaviour is core's to test), reached through the mocked registry.
vi.mock('@skein/core', async () => {
  const { fakeRegistry: registry } = await import('../../../test/adapters/fakeStore.ts')
  return { getThreadStore: registry.getThreadStore }
})

afterEach(() => fakeRegistry.reset())

function inScope<T>(fn: () => T) {
  const scope = effectScope()
  const result = scope.run(fn) as T
  return { scope, result }
}

describe('useThread', () => {
  it('subscribes in an effect scope and unsubscribes when the scope stops', () => {
    const { scope } = inScope(() => useThread('thread_1', { client: fakeClient }))
    const store = fakeRegistry.byId.get('thread_1')!
    expect(store.listeners()).toBe(1)
    scope.stop()
    expect(store.listeners()).toBe(0)
  })

  it('exposes each snapshot field as a readonly ref that follows the store', () => {
    const { result } = inScope(() => useThread('thread_1', { client: fakeClient }))
    const store = fakeRegistry.byId.get('thread_1')!
    expect(result.status.value).toBe('loading')
    store.emit({ status: 'in_progress', hasMore: true, queued: 1 })
    expect(result.status.value).toBe('in_progress')
    expect(result.hasMore.value).toBe(true)
    expect(result.queued.value).toBe(1)
    expect(result.threadId.value).toBe('thread_1')
    expect(() => {
      // @ts-expect-error the refs are readonly
      result.status.value = 'idle'
    }).toThrow(TypeError)
    expect(result.status.value).toBe('in_progress')
  })

  it('triggers watchers once per snapshot and not for a notification that changed nothing', () => {
    const runs = { count: 0 }
    const { result } = inScope(() => useThread('thread_1', { client: fakeClient }))
    const store = fakeRegistry.byId.get('thread_1')!
    inScope(() =>
      watchEffect(
        () => {
          runs.count += 1
          void [result.status.value, result.messages.value, result.hasMore.value]
        },
        { flush: 'sync' },
      ),
    )
    expect(runs.count).toBe(1)
    store.emit({ status: 'idle' })
    store.emit({ hasMore: true })
    expect(runs.count).toBe(3)
    store.poke()
    expect(runs.count).toBe(3)
  })

  it('routes its functions to the current store', async () => {
    const id = ref('thread_1')
    const { result } = inScope(() => useThread(id, { client: fakeClient }))
    const send = result.send
    id.value = 'thread_2'
    await nextTick()
    const second = fakeRegistry.byId.get('thread_2')!
    const spy = vi.spyOn(second, 'cancel')
    await result.cancel()
    expect(spy).toHaveBeenCalledTimes(1)
    expect(result.send).toBe(send)
  })

  it('moves its subscription when the thread id changes', async () => {
    const id = ref('thread_1')
    const { result } = inScope(() => useThread(() => id.value, { client: fakeClient }))
    id.value = 'thread_2'
    await nextTick()
    expect(fakeRegistry.byId.get('thread_1')?.listeners()).toBe(0)
    expect(fakeRegistry.byId.get('thread_2')?.listeners()).toBe(1)
    expect(result.threadId.value).toBe('thread_2')
  })

  it('keeps one store for a null thread, and the same store once the app names the created thread', async () => {
    const id = ref<string | null>(null)
    inScope(() => useThread(id, { client: fakeClient }))
    expect(fakeRegistry.created).toHaveLength(1)
    const draft = fakeRegistry.created[0]!
    fakeRegistry.threadCreated(draft, 'thread_new')
    id.value = 'thread_new'
    await nextTick()
    expect(fakeRegistry.created).toHaveLength(1)
    expect(draft.subscriptions).toBe(1)
    expect(draft.listeners()).toBe(1)
    id.value = null
    await nextTick()
    expect(fakeRegistry.created).toHaveLength(2)
    expect(draft.listeners()).toBe(0)
  })

  it('passes its options to the store without the client, and new options when a ref changes', async () => {
    const onError = vi.fn()
    const options = shallowRef<UseThreadOptions>({ client: fakeClient, assistantId: 'asst_1' })
    inScope(() => useThread('thread_1', options))
    const store = fakeRegistry.byId.get('thread_1')!
    expect(store.created).toEqual({ assistantId: 'asst_1' })
    options.value = { client: fakeClient, assistantId: 'asst_2', onError }
    await nextTick()
    expect(store.optionsSeen.at(-1)).toEqual({ assistantId: 'asst_2', onError })
  })

  it('renders the deterministic initial snapshot on the server without subscribing', async () => {
    const Status = defineComponent({
      setup() {
        const { threadId, status, messages } = useThread('thread_1')
        return () => h('p', `${threadId.value}:${status.value}:${messages.value.length}`)
      },
    })
    const app = createSSRApp(Status).use(skein, { client: fakeClient })
    expect(await renderToString(app)).toBe('<p>thread_1:loading:0</p>')
    expect(fakeRegistry.byId.get('thread_1')?.subscriptions).toBe(0)
  })
})
