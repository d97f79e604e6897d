import { act, render, renderHook } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeClient, fakeRegistry } from '../../../test/adapters/fakeStore.ts'
import { SkeinProvider } from './SkeinProvider.tsx'
import { useThread } from './useThread.ts'

// Wiring only: the store is a fake (behaviour is core's to test), reached through the mocked registry.
vi.mock('@skein/core', async () => {
  const { fakeRegistry: registry } = await import('../../../test/adapters/fakeStore.ts')
  return { getThreadStore: registry.getThreadStore }
})

const wrapper = ({ children }: { children: ReactNode }) => <SkeinProvider client={fakeClient}>{children}</SkeinProvider>

afterEach(() => fakeRegistry.reset())

function Status({ threadId }: { threadId: string | null }) {
  const { status, messages } = useThread(threadId)
  return <p>{`${threadId}:${status}:${messages.length}`}</p>
}

function Probe() {
  useThread(null)
  return null
}

describe('useThread', () => {
  it('subscribes on mount and unsubscribes on unmount', () => {
    const { unmount } = renderHook(() => useThread('thread_1'), { wrapper })
    const store = fakeRegistry.byId.get('thread_1')
    expect(store?.listeners()).toBe(1)
    unmount()
    expect(store?.listeners()).toBe(0)
  })

  it('returns the snapshot values and the store commands', () => {
    const { result } = renderHook(() => useThread('thread_1'), { wrapper })
    const store = fakeRegistry.byId.get('thread_1')!
    expect(result.current.status).toBe('loading')
    act(() => store.emit({ status: 'idle', hasMore: true, queued: 2 }))
    expect(result.current).toMatchObject({ threadId: 'thread_1', status: 'idle', hasMore: true, queued: 2 })
    expect(result.current.send).toBe(store.send)
    expect(result.current.retry).toBe(store.retry)
    expect(result.current.submitToolOutputs).toBe(store.submitToolOutputs)
  })

  it('keeps the identity of the returned object and functions until the snapshot changes', () => {
    const { result, rerender } = renderHook(() => useThread('thread_1'), { wrapper })
    const store = fakeRegistry.byId.get('thread_1')!
    const first = result.current
    rerender()
    expect(result.current).toBe(first)
    act(() => store.emit({ status: 'in_progress' }))
    expect(result.current).not.toBe(first)
    for (const key of ['send', 'insert', 'loadMore', 'cancel', 'retry', 'discard', 'submitToolOutputs'] as const) {
      expect(result.current[key]).toBe(first[key])
    }
  })

  it('renders once per snapshot and not for a notification that changed nothing', () => {
    let renders = 0
    renderHook(
      () => {
        renders += 1
        return useThread('thread_1')
      },
      { wrapper },
    )
    const store = fakeRegistry.byId.get('thread_1')!
    expect(renders).toBe(1)
    act(() => store.emit({ status: 'idle' }))
    act(() => store.emit({ status: 'in_progress' }))
    act(() => store.emit({ status: 'completed' }))
    expect(renders).toBe(4)
    act(() => store.poke())
    expect(renders).toBe(4)
  })

  it('keeps one subscription to one store under StrictMode double mounting', () => {
    const { unmount } = renderHook(() => useThread('thread_1'), {
      wrapper: ({ children }) => <StrictMode>{wrapper({ children })}</StrictMode>,
    })
    const store = fakeRegistry.byId.get('thread_1')!
    expect(fakeRegistry.created).toEqual([store])
    expect(store.listeners()).toBe(1)
    unmount()
    expect(store.listeners()).toBe(0)
  })

  it('renders the deterministic initial snapshot on the server without subscribing', () => {
    const html = renderToString(wrapper({ children: <Status threadId="thread_1" /> }))
    expect(html).toBe('<p>thread_1:loading:0</p>')
    expect(fakeRegistry.byId.get('thread_1')?.subscriptions).toBe(0)
  })

  it('renders a null thread as idle on the server', () => {
    expect(renderToString(wrapper({ children: <Status threadId={null} /> }))).toBe('<p>null:idle:0</p>')
    expect(fakeRegistry.created[0]?.subscriptions).toBe(0)
  })

  it('passes its options to the store without the client, and fresh callbacks on every change', () => {
    const first = vi.fn()
    const second = vi.fn()
    const { rerender } = renderHook(
      ({ onError }) => useThread('thread_1', { client: fakeClient, assistantId: 'asst_1', onError }),
      { initialProps: { onError: first } },
    )
    const store = fakeRegistry.byId.get('thread_1')!
    expect(store.created).toEqual({ assistantId: 'asst_1', onError: first })
    rerender({ onError: second })
    expect(store.optionsSeen.at(-1)).toEqual({ assistantId: 'asst_1', onError: second })
  })

  it('keeps one store for a null thread, and the same store once the app names the created thread', () => {
    const { result, rerender } = renderHook(({ id }) => useThread(id), {
      wrapper,
      initialProps: { id: null as string | null },
    })
    rerender({ id: null })
    expect(fakeRegistry.created).toHaveLength(1)
    const draft = fakeRegistry.created[0]!
    const send = result.current.send
    act(() => fakeRegistry.threadCreated(draft, 'thread_new'))
    rerender({ id: 'thread_new' })
    expect(fakeRegistry.created).toHaveLength(1)
    expect(result.current.threadId).toBe('thread_new')
    expect(result.current.send).toBe(send)
    expect(draft.subscriptions).toBe(1)
    rerender({ id: null })
    expect(fakeRegistry.created).toHaveLength(2)
    expect(draft.listeners()).toBe(0)
    expect(fakeRegistry.created[1]?.listeners()).toBe(1)
  })

  it('keeps the streaming store of a null thread under StrictMode once the app names the created thread', () => {
    const strict = ({ children }: { children: ReactNode }) => <StrictMode>{wrapper({ children })}</StrictMode>
    const { result, rerender } = renderHook(({ id }) => useThread(id), {
      wrapper: strict,
      initialProps: { id: null as string | null },
    })
    const subscribed = fakeRegistry.created.filter((store) => store.listeners() > 0)
    expect(subscribed).toHaveLength(1)
    const draft = subscribed[0]!
    act(() => fakeRegistry.threadCreated(draft, 'thread_new'))
    rerender({ id: 'thread_new' })
    expect(result.current.threadId).toBe('thread_new')
    expect(draft.listeners()).toBe(1)
    expect(fakeRegistry.created.filter((store) => store.listeners() > 0)).toEqual([draft])
  })

  it('gives two components on a null thread a store each', () => {
    render(wrapper({ children: [<Probe key="a" />, <Probe key="b" />] }))
    expect(fakeRegistry.created).toHaveLength(2)
  })

  it('moves its subscription when the thread id changes', () => {
    const { rerender } = renderHook(({ id }) => useThread(id), { wrapper, initialProps: { id: 'thread_1' } })
    rerender({ id: 'thread_2' })
    expect(fakeRegistry.byId.get('thread_1')?.listeners()).toBe(0)
    expect(fakeRegistry.byId.get('thread_2')?.listeners()).toBe(1)
  })
})
