import type { Client } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import type { RolesCodec } from '../roles/createRolesCodec.ts'
import { defaultRolesCodec } from '../roles/defaultRolesCodec.ts'
import type { Message } from '../schemas/index.ts'
import { createLivePoller, type LivePoller, type LiveTickResult } from './livePoller.ts'
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
  let loaded = false
  let creatingThread: Promise<string> | null = null
  let poller: { poller: LivePoller; key: string } | undefined

  /** The roles codec: the store's option, else the client's. Its decode is pure and memoized by identity. */
  const codec = (): RolesCodec => model.options.roles ?? client.roles ?? defaultRolesCodec
  const decorate = (message: LocalMessage): ThreadMessage => codec().decode(message) as ThreadMessage
  const model = createThreadModel(initialOptions, decorate, {
    onSubscribe() {
      if (teardownPending) {
        teardownPending = false
        return
      }
      if (!loaded && model.threadId !== null) void load()
      syncLive()
    },
    onUnsubscribe() {
      // Deferred, so that an immediate resubscribe (React StrictMode, a moved component) keeps the stream.
      teardownPending = true
      queueMicrotask(() => {
        if (teardownPending && model.store.listenerCount() === 0) teardown()
        teardownPending = false
      })
    },
  })
  const driver = createRunDriver(model, client, {
    sync: (signal) => history.syncNewer(signal),
    syncRun: (runId, signal) => history.syncRun(runId, signal),
    markOwn: (id) => history.markOwn(id),
  })
  const history = createThreadHistory(model, client, driver, decorate)
  const queue = createSendQueue(model, client, driver, { ensureThread, onDelivered: history.markOwn, decorate })

  function load(): Promise<void> {
    loaded = true
    return history.load()
  }

  async function ensureThread(): Promise<string> {
    if (model.threadId !== null) return model.threadId
    const seed = model.options.seed ?? []
    const signal = model.lifecycle.signal
    creatingThread ??= client.threads
      .create({ ...model.options.threadOptions, ...(seed.length > 0 ? { messages: seed } : {}) }, { signal })
      .then(async (thread) => {
        model.threadId = thread.id
        loaded = true
        // Registered under its id before anything else can run: a `useRun(threadId)` rendered as soon as the id is
        // published must find this store, not create a second one.
        hooks.onThreadId?.(thread.id)
        model.changed()
        model.options.onThreadCreated?.(thread.id)
        // The seed (few-shot examples) is part of the thread now: show it, as ours (no onMessage for it).
        if (seed.length > 0) {
          const seeded: Message[] = []
          for await (const message of client.messages.list(thread.id, { order: 'asc', limit: 100 }, { signal })) {
            history.markOwn(message.id)
            seeded.push(message)
          }
          history.adopt(seeded)
        }
        syncLive()
        return thread.id
      })
      .finally(() => {
        creatingThread = null
      })
    return creatingThread
  }

  /** Never while a run holds the thread or a send is on its way: the run's own stream and sync bring those. */
  const quiet = () => model.threadId !== null && !driver.busy() && !queue.delivering()

  async function refresh(): Promise<void> {
    if (!quiet()) return
    const gen = model.generation
    try {
      await history.syncNewer(model.lifecycle.signal)
      await history.followActiveRun(model.lifecycle.signal)
    } catch (cause) {
      if (gen === model.generation) model.report(cause)
    }
  }

  async function tick(): Promise<LiveTickResult> {
    if (!quiet()) return 'unchanged'
    const gen = model.generation
    try {
      const fresh = await history.syncNewer(model.lifecycle.signal)
      const followed = await history.followActiveRun(model.lifecycle.signal)
      return fresh.length > 0 || followed ? 'changed' : 'unchanged'
    } catch (cause) {
      if (gen !== model.generation) return 'unchanged'
      if (AssistantsError.is(cause) && cause.status === 429) return { retryAfterMs: cause.retryAfterMs ?? 0 }
      model.report(cause)
      throw cause
    }
  }

  /** Runs the live poller exactly while it is configured, the thread exists and someone is subscribed. */
  function syncLive(): void {
    const live = model.options.live
    const wanted = live !== undefined && live !== false && model.threadId !== null && model.store.listenerCount() > 0
    // Compared by value: options written inline in a render are a new object every time and must not reset backoff.
    const key = wanted ? `${live.intervalMs}:${live.maxIntervalMs}` : ''
    if (poller !== undefined && (!wanted || poller.key !== key)) {
      poller.poller.stop()
      poller = undefined
    }
    if (!wanted || poller !== undefined) return
    poller = { poller: createLivePoller({ ...live, tick }), key }
    poller.poller.start()
  }

  function reset(threadId: string | null): void {
    driver.detach()
    queue.clear()
    model.reset(threadId)
    loaded = false
    creatingThread = null
  }

  function teardown(): void {
    poller?.poller.stop()
    poller = undefined
    reset(model.threadId)
    hooks.onTeardown?.()
  }

  function send(content: Parameters<ThreadStore['send']>[0], options: SendOptions = {}): Promise<ThreadMessage> {
    if (typeof content !== 'string' && !Array.isArray(content)) {
      throw new TypeError('send(content): content must be a string or an array of content parts.')
    }
    const role = options.role ?? 'user'
    // Throws before anything is shown or sent: a TypeError for a bad role or name, an AssistantsError('validation')
    // naming the key for metadata over the API's budget.
    const params = codec().encode({
      role,
      content,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.attachments ? { attachments: options.attachments } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    })
    const wantsRun = options.run ?? (role === 'user' && options.name === undefined)
    const result = queue.enqueue(params, wantsRun, options.runOptions)
    if (options.interrupt && driver.busy()) void driver.cancel()
    return result
  }

  return {
    getSnapshot: model.store.getSnapshot,
    getRunSnapshot: model.runSnapshot,
    subscribe: model.store.subscribe,
    load,
    loadMore: history.loadMore,
    refresh,
    send,
    insert: (message) => queue.enqueue(codec().encode(message), false),
    retry: queue.retry,
    discard: queue.discard,
    cancel: driver.cancel,
    submitToolOutputs: driver.submit,
    setThread(next) {
      if (next === model.threadId) return
      reset(next)
      syncLive()
      if (next !== null && model.store.listenerCount() > 0) void load()
    },
    setOptions(next) {
      model.options = next
      syncLive()
    },
  }
}
