import type { Client } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import type { RolesCodec } from '../roles/createRolesCodec.ts'
import { defaultRolesCodec } from '../roles/defaultRolesCodec.ts'
import { startLivePoller } from './livePoller.ts'
import { createRunDriver } from './runDriver.ts'
import { createSendQueue } from './sendQueue.ts'
import type { SendOptions, ThreadStore, ThreadStoreHooks, ThreadStoreOptions } from './storeOptions.ts'
import { createThreadHistory } from './threadHistory.ts'
import { createThreadModel } from './threadModel.ts'
import type { LocalMessage, ThreadMessage } from './threadSnapshot.ts'

export type {
  LiveOptions,
  RunOverrides,
  SendOptions,
  ThreadStore,
  ThreadStoreHooks,
  ThreadStoreOptions,
} from './storeOptions.ts'

/**
 * Creates a thread store: the framework-free state of one chat thread that `useThread` and `useRun` subscribe to.
 * Usually reached through `getThreadStore` (one store per client and thread). Its life follows its subscribers: the
 * first one loads the thread, and when the last one leaves the stream is aborted (the run goes on on the server) and
 * the store is reset.
 *
 * @param client - a client from `createClient`
 * @param initialOptions - thread, assistant, tools and callbacks
 * @param hooks - registry hooks (used by `getThreadStore`)
 * @returns the store
 * @example
 * ```ts
 * const store = createThreadStore(client, { threadId: null, assistantId: 'asst_123' })
 * const stop = store.subscribe(() => render(store.getSnapshot()))
 * await store.send('Hello!')
 * ```
 */
export function createThreadStore(
  client: Client,
  initialOptions: ThreadStoreOptions = {},
  hooks: ThreadStoreHooks = {},
): ThreadStore {
  let teardownPending = false
  let live: { key: string; stop: () => void } | undefined

  /** The roles codec: the store's option, else the client's. Its decode is pure and memoized by identity. */
  const codec = (): RolesCodec => model.options.roles ?? client.roles ?? defaultRolesCodec
  const decorate = (message: LocalMessage): ThreadMessage => codec().decode(message) as ThreadMessage
  const model = createThreadModel(initialOptions, decorate, {
    onSubscribe() {
      // A resubscribe before the teardown ran keeps everything as it is.
      if (!teardownPending) {
        // A thread not loaded yet (or reset since) shows `loading`.
        if (model.status === 'loading') void history.load()
        syncLive()
      }
      teardownPending = false
    },
    onUnsubscribe() {
      // Deferred, so that an immediate resubscribe (React StrictMode, a moved component) keeps the stream.
      teardownPending = true
      queueMicrotask(() => {
        if (teardownPending && !model.listenerCount()) {
          reset(model.id)
          hooks.onTeardown?.()
        }
        teardownPending = false
      })
    },
  })
  const history = createThreadHistory(model, client, () => driver.follow(), decorate)
  const driver = createRunDriver(model, client, history.syncRun)
  const queue = createSendQueue(model, client, driver, ensureThread, decorate)

  /**
   * The thread's id, creating the thread first. Only the send queue's one pump calls it, so never twice at once. A
   * send of an earlier thread (the store moved on while it waited for a lock) gets its abort, never a new thread.
   */
  async function ensureThread(life: AbortSignal): Promise<string> {
    life.throwIfAborted()
    if (model.id !== null) return model.id
    const { seed, threadOptions } = model.options
    const { id } = await client.threads.create({ ...threadOptions, ...(seed && { messages: seed }) }, { signal: life })
    life.throwIfAborted()
    model.id = id
    // Registered under its id before anything else can run: a `useRun(threadId)` rendered as soon as the id is
    // published must find this store, not create a second one.
    hooks.onThreadId?.(id)
    model.set()
    model.options.onThreadCreated?.(id)
    // The seed (few-shot examples) is part of the thread now: show it, as ours (no onMessage for it).
    if (seed?.length) await history.syncNewer(life, true)
    syncLive()
    return id
  }

  /**
   * One refresh: what is newer than the newest message, and a run started elsewhere. Never while a run holds the
   * thread or a send is on its way (the run's own stream and sync bring those). Resolves to whether something arrived,
   * or (live polling only) to the wait a 429 asks for; other failures are reported, and the live poller backs off.
   */
  async function tick(polling?: boolean): Promise<boolean | number> {
    if (model.id === null || driver.busy() || queue.delivering()) return false
    const life = model.life
    try {
      const fresh = await history.syncNewer(life)
      return (await driver.follow()) || fresh.length > 0
    } catch (cause) {
      if (life.aborted) return false
      if (polling && AssistantsError.is(cause) && cause.status === 429) return cause.retryAfterMs ?? 0
      model.report(cause)
      return false
    }
  }

  /** Runs the live poller exactly while it is configured, the thread exists and someone is subscribed. */
  function syncLive(): void {
    const options = model.options.live
    // Compared by value: options written inline in a render are a new object every time and must not reset backoff.
    const on = options && model.id !== null && model.listenerCount()
    const key = on ? `${options.intervalMs}:${options.maxIntervalMs}` : ''
    if (live?.key === key) return
    live?.stop()
    live = on ? { key, stop: startLivePoller(options, () => tick(true)) } : undefined
  }

  function reset(threadId: string | null): void {
    driver.detach()
    queue.clear()
    model.reset(threadId)
    syncLive()
  }

  function send(content: Parameters<ThreadStore['send']>[0], options: SendOptions = {}): Promise<ThreadMessage> {
    const { role = 'user', run, interrupt, runOptions, ...author } = options
    // Throws before anything is shown or sent: a TypeError for bad content, role or name, an
    // AssistantsError('validation') naming the key for metadata over the API's budget.
    const params = codec().encode({ ...author, role, content })
    const result = queue.enqueue(params, run ?? (role === 'user' && author.name === undefined), runOptions)
    if (interrupt) void driver.cancel()
    return result
  }

  return {
    getSnapshot: model.getSnapshot,
    getRunSnapshot: model.runSnapshot,
    subscribe: model.subscribe,
    load: () => history.load(),
    loadMore: () => history.load(true),
    refresh: async () => {
      await tick()
    },
    send,
    insert: (message) => queue.enqueue(codec().encode(message), false),
    retry: queue.retry,
    discard: queue.discard,
    cancel: driver.cancel,
    submitToolOutputs: driver.submit,
    setThread(next) {
      if (next === model.id) return
      reset(next)
      if (next !== null && model.listenerCount() > 0) void history.load()
    },
    setOptions(next) {
      model.options = next
      syncLive()
    },
  }
}
