import type { Client } from '../client/createClient.ts'
import type { MessageAttachmentParam, MessageContentPartParam } from '../client/params.ts'
import { AssistantsError, isAbortError } from '../errors.ts'
import type { Message, Run } from '../schemas/index.ts'
import { createStore } from './createStore.ts'
import type { PendingRow } from './messageRows.ts'
import { buildMessageView, createRow, mergeNewer, mergeOlder, type PendingParams, withStatus } from './messageRows.ts'
import { initialRunState, type RunState } from './reduceRun.ts'
import { createRunDriver } from './runDriver.ts'
import {
  initialThreadSnapshot,
  isRunActive,
  keepArrayIfSame,
  keepIfSame,
  type RunSnapshot,
  type ThreadMessage,
  type ThreadSnapshot,
  type ThreadStatus,
} from './threadSnapshot.ts'
import { deriveToolCalls, type ToolFunction, type ToolLocal, type ToolOutput } from './toolCalls.ts'

/** Options of {@link createThreadStore}. Callbacks may change at any time through `setOptions`. */
export interface ThreadStoreOptions {
  /** The thread to show; `null` creates one on the first send (see `onThreadCreated`). @defaultValue null */
  threadId?: string | null
  /** The assistant that answers user sends. Required for sends that start a run. */
  assistantId?: string
  /** Run overrides sent with every run (`model`, `instructions`, `tools`, `temperature`, ...), wire spelling. */
  runOptions?: Readonly<Record<string, unknown>>
  /** Body fields for the thread created when `threadId` is null (e.g. `metadata`). */
  threadOptions?: Readonly<Record<string, unknown>>
  /** Client-side tools by function name; their outputs are submitted and the same run goes on. */
  tools?: Readonly<Record<string, ToolFunction>>
  /** Messages per history page. @defaultValue 20 */
  pageSize?: number
  /** At most one notification per this many ms while a reply streams. @defaultValue 32 */
  throttleMs?: number
  /** Poll interval while a run is followed without a stream (after a drop, or a run started elsewhere). */
  pollIntervalMs?: number
  /** Called once when a thread is created for a store that started with `threadId: null`. */
  onThreadCreated?: (threadId: string) => void
  /** Called with every error that also lands in the snapshot. A user abort is never an error. */
  onError?: (error: AssistantsError) => void
  /** Called when a run reaches a terminal status. */
  onRunEnd?: (run: Run) => void
}

/** Options of one send. */
export interface SendOptions {
  /** The wire role. `assistant` posts a reply without a run. @defaultValue 'user' */
  role?: 'user' | 'assistant'
  /** Whether to start a run after posting. @defaultValue true for `user`, false for `assistant` */
  run?: boolean
  /** Cancel the active run first instead of waiting for it. @defaultValue false */
  interrupt?: boolean
  /** Message attachments and metadata, wire spelling. */
  attachments?: readonly MessageAttachmentParam[]
  metadata?: Readonly<Record<string, string>>
  /** Run overrides for the run this send starts. */
  runOptions?: Readonly<Record<string, unknown>>
}

/** A framework-free store for one thread: snapshot, subscription and every command a chat UI needs. */
export interface ThreadStore {
  getSnapshot: () => ThreadSnapshot
  /** The run half of the snapshot; keeps its reference while only messages change. */
  getRunSnapshot: () => RunSnapshot
  subscribe: (listener: () => void) => () => void
  /** Loads the newest page of history (done on first subscribe) and follows a run already active on the thread. */
  load: () => Promise<void>
  /** Loads the next page of older messages. */
  loadMore: () => Promise<void>
  /** Shows `content` at once and posts it; a user send then starts a run. Resolves to the server message or the failed row. */
  send: (content: string | readonly MessageContentPartParam[], options?: SendOptions) => Promise<ThreadMessage>
  /** Posts a message without a run (e.g. an assistant reply you already have). */
  insert: (message: PendingParams) => Promise<ThreadMessage>
  /** Sends a failed message again. */
  retry: (id: string) => Promise<ThreadMessage>
  /** Removes a failed (or still queued) message. */
  discard: (id: string) => void
  /** Aborts the stream, cancels the run on the server and waits until it is terminal. */
  cancel: () => Promise<void>
  /** Submits outputs for tool calls that have no registered function. */
  submitToolOutputs: (outputs: readonly ToolOutput[]) => Promise<void>
  /** Shows another thread (or none). */
  setThread: (threadId: string | null) => void
  /** Replaces options (fresh callbacks from a render reach the store this way). */
  setOptions: (options: ThreadStoreOptions) => void
}

/** Lifecycle hooks for the store registry (`getThreadStore`); not options, so `setOptions` never drops them. */
export interface ThreadStoreHooks {
  /** The store's thread got an id (a `null` store created its thread). */
  onThreadId?: (threadId: string) => void
  /** The last subscriber left and the store was reset. */
  onTeardown?: () => void
}

const DEFAULT_PAGE_SIZE = 20
const DEFAULT_THROTTLE_MS = 32

/**
 * Creates a thread store. Usually reached through `getThreadStore` (one store per client and thread), or the hooks.
 *
 * @param client - a client from `createClient`
 * @param initialOptions - thread, assistant, tools and callbacks
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
  let options = initialOptions
  let threadId = options.threadId ?? null
  // The model. Arrays are replaced, never mutated, so published snapshots can share them.
  let committed: readonly Message[] = []
  let rows: readonly PendingRow[] = []
  let runState: RunState = initialRunState()
  let status: ThreadStatus = initialThreadSnapshot(threadId).status
  let error: AssistantsError | null = null
  let hasMore = false
  let loadingMore = false
  let oldestId: string | null = null
  let toolLocal: ReadonlyMap<string, ToolLocal> = new Map()
  let loaded = false
  let creatingThread: Promise<string> | null = null
  let pumping = false
  // Aborted when the store is torn down or switched to another thread; `generation` drops stale responses.
  let lifecycle = new AbortController()
  let generation = 0

  const store = createStore<ThreadSnapshot>(initialThreadSnapshot(threadId), {
    onSubscribe() {
      if (teardownPending) teardownPending = false
      else if (!loaded && threadId !== null) void load()
    },
    onUnsubscribe() {
      // Deferred, so that an immediate resubscribe (React StrictMode, a moved component) keeps the stream.
      teardownPending = true
      queueMicrotask(() => {
        if (teardownPending && store.listenerCount() === 0) teardown()
        teardownPending = false
      })
    },
  })
  let teardownPending = false

  // --- publishing -------------------------------------------------------------------------------------------------
  let dirty = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastPublish = Number.NEGATIVE_INFINITY
  let viewCache: { committed: unknown; runMessages: unknown; rows: unknown; view: ThreadMessage[] } | undefined
  let toolCache: { run: unknown; steps: unknown; local: unknown; calls: RunSnapshot['toolCalls'] } | undefined
  let runSnapshot: RunSnapshot | undefined

  function messagesView(): ThreadMessage[] {
    if (viewCache?.committed !== committed || viewCache.runMessages !== runState.messages || viewCache.rows !== rows) {
      viewCache = {
        committed,
        runMessages: runState.messages,
        rows,
        view: buildMessageView(committed, runState.messages, rows),
      }
    }
    return viewCache.view
  }

  function toolCallsView(): RunSnapshot['toolCalls'] {
    if (toolCache?.run !== runState.run || toolCache.steps !== runState.steps || toolCache.local !== toolLocal) {
      const calls = deriveToolCalls(runState.run, runState.steps, toolLocal)
      toolCache = { run: runState.run, steps: runState.steps, local: toolLocal, calls }
    }
    return toolCache.calls
  }

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (!dirty) return
    dirty = false
    lastPublish = Date.now()
    store.setState((prev) =>
      keepIfSame(prev, {
        threadId,
        status,
        messages: keepArrayIfSame(prev.messages, messagesView()),
        hasMore,
        loadingMore,
        queued: rows.filter((row) => row.status === 'queued').length,
        run: runState.run,
        steps: runState.steps,
        toolCalls: keepArrayIfSame(prev.toolCalls, toolCallsView()),
        usage: runState.usage ?? runState.run?.usage ?? null,
        error,
      }),
    )
  }

  /** Marks the model changed. Stream deltas are throttled; everything else (and every status change) is published now. */
  function changed(throttled = false): void {
    dirty = true
    const wait = throttled ? (options.throttleMs ?? DEFAULT_THROTTLE_MS) - (Date.now() - lastPublish) : 0
    if (wait <= 0) flush()
    else timer ??= setTimeout(flush, wait)
  }

  function setStatus(next: ThreadStatus): void {
    if (status === next) return
    status = next
    changed()
  }

  function report(cause: unknown): void {
    if (isAbortError(cause)) return
    const failure = AssistantsError.is(cause)
      ? cause
      : new AssistantsError('network', cause instanceof Error ? cause.message : String(cause), { cause })
    error = failure
    changed()
    options.onError?.(failure)
  }

  function commit(messages: readonly Message[]): void {
    const next = mergeNewer(committed, messages)
    if (next === committed) return
    committed = next
    changed()
  }

  function setRow(row: PendingRow, next: PendingRow | undefined): void {
    rows = next === undefined ? rows.filter((r) => r !== row) : rows.map((r) => (r === row ? next : r))
    changed()
  }

  function currentRow(tempId: string): PendingRow | undefined {
    return rows.find((row) => row.tempId === tempId)
  }

  // --- runs -------------------------------------------------------------------------------------------------------
  const driver = createRunDriver({
    client,
    threadId: () => threadId,
    signal: () => lifecycle.signal,
    options: () => options,
    getRunState: () => runState,
    setRunState(next, throttled) {
      if (next === runState) return
      runState = next
      const runStatus = next.run?.status
      if (runStatus !== undefined && runStatus !== status) {
        status = runStatus
        changed()
      } else changed(throttled)
    },
    setStatus,
    setToolLocal(id, local) {
      const next = new Map(toolLocal)
      next.set(id, local)
      toolLocal = next
      changed()
    },
    resetRun(run) {
      runState = { ...initialRunState(), run }
      toolLocal = new Map()
      error = null
      // A run being created is `queued` from the start: no snapshot shows the new run next to the old status.
      status = run?.status ?? 'queued'
      changed()
    },
    refresh: refreshNewer,
    report,
    commitRunMessages() {
      // Finished run messages join the committed list as the same objects, so they never re-render; a message the
      // server already gave us (after a resume or a cancel) is newer than the stream's copy and is kept.
      const known = new Set(committed.map((message) => message.id))
      commit(runState.messages.filter((message) => message.status !== 'in_progress' && !known.has(message.id)))
    },
  })

  // --- history ----------------------------------------------------------------------------------------------------
  async function load(): Promise<void> {
    const id = threadId
    if (id === null) return
    loaded = true
    const gen = generation
    const signal = lifecycle.signal
    try {
      const page = await client.messages
        .list(id, { order: 'desc', limit: options.pageSize ?? DEFAULT_PAGE_SIZE }, { signal })
        .firstPage()
      if (gen !== generation) return
      committed = mergeOlder(committed, page.data.slice().reverse())
      hasMore = page.has_more
      oldestId = page.data.at(-1)?.id ?? null
      if (status === 'loading') status = 'idle'
      changed()
      const runs = await client.runs.list(id, { limit: 1, order: 'desc' }, { signal }).firstPage()
      const latest = runs.data[0]
      if (gen !== generation || latest === undefined) return
      if (isRunActive(latest.status) && !driver.busy()) driver.follow(latest)
    } catch (cause) {
      if (gen !== generation) return
      if (status === 'loading') status = 'idle'
      report(cause)
    }
  }

  async function loadMore(): Promise<void> {
    const id = threadId
    if (id === null || !hasMore || loadingMore || oldestId === null) return
    const gen = generation
    loadingMore = true
    changed()
    try {
      const query = { order: 'desc', after: oldestId, limit: options.pageSize ?? DEFAULT_PAGE_SIZE } as const
      const page = await client.messages.list(id, query, { signal: lifecycle.signal }).firstPage()
      if (gen !== generation) return
      committed = mergeOlder(committed, page.data.slice().reverse())
      hasMore = page.has_more
      oldestId = page.data.at(-1)?.id ?? oldestId
    } catch (cause) {
      if (gen === generation) report(cause)
    } finally {
      if (gen === generation) {
        loadingMore = false
        changed()
      }
    }
  }

  /** Fetches every message newer than the newest committed one (all pages) and merges it. */
  async function refreshNewer(signal: AbortSignal): Promise<void> {
    const id = threadId
    if (id === null) return
    const gen = generation
    const last = committed.at(-1)?.id
    const query =
      last === undefined ? { order: 'asc' as const, limit: 100 } : { order: 'asc' as const, after: last, limit: 100 }
    const fresh: Message[] = []
    for await (const message of client.messages.list(id, query, { signal })) fresh.push(message)
    if (gen === generation) commit(fresh)
  }

  // --- sends ------------------------------------------------------------------------------------------------------
  async function ensureThread(): Promise<string> {
    if (threadId !== null) return threadId
    creatingThread ??= client.threads
      .create({ ...options.threadOptions }, { signal: lifecycle.signal })
      .then((thread) => {
        threadId = thread.id
        loaded = true
        changed()
        hooks.onThreadId?.(thread.id)
        options.onThreadCreated?.(thread.id)
        return thread.id
      })
      .finally(() => {
        creatingThread = null
      })
    return creatingThread
  }

  const waiters = new Map<string, (message: ThreadMessage) => void>()
  const inFlight = new Set<string>()

  function settle(tempId: string, message: ThreadMessage): void {
    waiters.get(tempId)?.(message)
    waiters.delete(tempId)
  }

  /** Posts one row; waits out a run that holds the thread (the API's 400) and tries again. */
  async function deliver(row: PendingRow, gen: number): Promise<boolean> {
    inFlight.add(row.tempId)
    try {
      return await deliverOnce(row, gen)
    } finally {
      inFlight.delete(row.tempId)
    }
  }

  async function deliverOnce(row: PendingRow, gen: number): Promise<boolean> {
    let current = withStatus(row, 'sending', undefined, threadId)
    setRow(row, current)
    for (;;) {
      try {
        const id = await ensureThread()
        const message = await client.messages.create(id, { ...current.params }, { signal: lifecycle.signal })
        if (gen !== generation) return false
        rows = rows.filter((r) => r.tempId !== current.tempId)
        commit([message])
        changed()
        settle(current.tempId, message)
        return true
      } catch (cause) {
        if (gen !== generation || isAbortError(cause)) return false
        const blocking = activeRunId(cause)
        if (blocking !== undefined && threadId !== null) {
          await driver.waitFor(blocking)
          continue
        }
        const failure = AssistantsError.is(cause) ? cause : new AssistantsError('network', String(cause), { cause })
        const failed = withStatus(current, 'failed', failure, threadId)
        setRow(current, failed)
        current = failed
        report(failure)
        settle(current.tempId, failed.view)
        return false
      }
    }
  }

  /** The send queue: waits for the thread lock, posts queued rows in order, then starts one run for them. */
  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    const gen = generation
    try {
      for (;;) {
        await driver.idle()
        if (gen !== generation) return
        const batch = rows.filter((row) => row.status !== 'failed' && !inFlight.has(row.tempId))
        if (batch.length === 0) return
        let runOverrides: Readonly<Record<string, unknown>> | undefined
        let wantsRun = false
        for (const row of batch) {
          const now = currentRow(row.tempId)
          if (now === undefined || now.status === 'failed' || inFlight.has(now.tempId)) continue
          if ((await deliver(now, gen)) && now.wantsRun) {
            wantsRun = true
            runOverrides = now.runOverrides ?? runOverrides
          }
          if (gen !== generation) return
        }
        if (wantsRun && threadId !== null) driver.start({ ...options.runOptions, ...runOverrides })
      }
    } finally {
      pumping = false
    }
  }

  function enqueue(
    params: PendingParams,
    wantsRun: boolean,
    runOverrides?: Readonly<Record<string, unknown>>,
  ): Promise<ThreadMessage> {
    if (wantsRun && !options.assistantId) {
      throw new TypeError('This send starts a run but the store has no assistantId. Did you mean { run: false }?')
    }
    const row = createRow(params, { wantsRun, runOverrides, status: waitStatus() }, threadId)
    rows = [...rows, row]
    changed()
    const result = new Promise<ThreadMessage>((resolve) => waiters.set(row.tempId, resolve))
    void pump()
    return result
  }

  /** A new send shows `sending` when it can go at once, `queued` when it waits for the thread. */
  function waitStatus(): 'queued' | 'sending' {
    return pumping || driver.busy() ? 'queued' : 'sending'
  }

  function send(
    content: string | readonly MessageContentPartParam[],
    sendOptions: SendOptions = {},
  ): Promise<ThreadMessage> {
    if (typeof content !== 'string' && !Array.isArray(content)) {
      throw new TypeError('send(content): content must be a string or an array of content parts.')
    }
    const role = sendOptions.role ?? 'user'
    const params: PendingParams = {
      role,
      content,
      ...(sendOptions.attachments ? { attachments: sendOptions.attachments } : {}),
      ...(sendOptions.metadata ? { metadata: sendOptions.metadata } : {}),
    }
    const result = enqueue(params, sendOptions.run ?? role === 'user', sendOptions.runOptions)
    if (sendOptions.interrupt && driver.busy()) void cancel()
    return result
  }

  function retry(id: string): Promise<ThreadMessage> {
    const row = rows.find((r) => r.tempId === id || r.view.id === id)
    if (row === undefined || row.status !== 'failed') {
      throw new TypeError(`retry(${JSON.stringify(id)}): no failed message with that id.`)
    }
    error = null
    rows = [...rows.filter((r) => r !== row), withStatus(row, waitStatus(), undefined, threadId)]
    changed()
    const result = new Promise<ThreadMessage>((resolve) => waiters.set(row.tempId, resolve))
    void pump()
    return result
  }

  function discard(id: string): void {
    const row = rows.find((r) => r.tempId === id)
    if (row === undefined || inFlight.has(row.tempId)) return
    setRow(row, undefined)
    settle(row.tempId, withStatus(row, 'failed', row.error, threadId).view)
  }

  async function cancel(): Promise<void> {
    await driver.cancel()
  }

  // --- lifecycle --------------------------------------------------------------------------------------------------
  function reset(nextThreadId: string | null): void {
    generation += 1
    lifecycle.abort(new DOMException('The thread store was torn down.', 'AbortError'))
    lifecycle = new AbortController()
    driver.detach()
    threadId = nextThreadId
    committed = []
    rows = []
    runState = initialRunState()
    toolLocal = new Map()
    status = initialThreadSnapshot(threadId).status
    error = null
    hasMore = false
    loadingMore = false
    oldestId = null
    loaded = false
    creatingThread = null
    for (const [tempId] of waiters) waiters.delete(tempId)
    changed()
  }

  function teardown(): void {
    reset(threadId)
    hooks.onTeardown?.()
  }

  function setThread(next: string | null): void {
    if (next === threadId) return
    reset(next)
    if (next !== null && store.listenerCount() > 0) void load()
  }

  return {
    getSnapshot: store.getSnapshot,
    getRunSnapshot() {
      const snapshot = store.getSnapshot()
      const next: RunSnapshot = {
        threadId: snapshot.threadId,
        status: snapshot.status,
        run: snapshot.run,
        steps: snapshot.steps,
        toolCalls: snapshot.toolCalls,
        usage: snapshot.usage,
        error: snapshot.error,
      }
      runSnapshot = runSnapshot === undefined ? next : keepIfSame(runSnapshot, next)
      return runSnapshot
    },
    subscribe: store.subscribe,
    load,
    loadMore,
    send,
    insert: (message) => enqueue(message, false),
    retry,
    discard,
    cancel,
    submitToolOutputs: (outputs) => driver.submit(outputs),
    setThread,
    setOptions(next) {
      options = next
    },
  }
}

/** The run id named by the API's thread-lock errors ("already has an active run run_x", "while a run run_x is active"). */
function activeRunId(cause: unknown): string | undefined {
  if (!AssistantsError.is(cause) || cause.status !== 400) return undefined
  return /(?:already has an active run|while a run) (run_[A-Za-z0-9_-]+)/.exec(cause.message)?.[1]
}
