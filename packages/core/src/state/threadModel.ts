import { AssistantsError, isAbortError } from '../errors.ts'
import type { Message } from '../schemas/index.ts'
import { createStore, type Store } from './createStore.ts'
import { buildMessageView, mergeNewer, type PendingRow } from './messageRows.ts'
import type { RunState } from './runState.ts'
import { initialRunState } from './runState.ts'
import type { ThreadStoreOptions } from './storeOptions.ts'
import {
  initialThreadSnapshot,
  keepArrayIfSame,
  keepIfSame,
  type LocalMessage,
  type RunSnapshot,
  type ThreadMessage,
  type ThreadSnapshot,
  type ThreadStatus,
} from './threadSnapshot.ts'
import { deriveToolCalls, type ToolLocal } from './toolCalls.ts'

const DEFAULT_THROTTLE_MS = 32

/** A monotonic clock where there is one (every supported runtime has `performance`), else the wall clock. */
const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now())

/**
 * The mutable model behind a thread store, shared by its parts (send queue, history, run driver). Arrays and maps are
 * replaced, never mutated, so published snapshots can share them; `changed()` publishes a new immutable snapshot.
 */
export interface ThreadModel {
  threadId: string | null
  /** Server-confirmed messages, ascending. */
  committed: readonly Message[]
  /** Optimistic sends, in the order they were made. */
  rows: readonly PendingRow[]
  /** The current (or last) run, as streamed or polled. */
  runState: RunState
  status: ThreadStatus
  error: AssistantsError | null
  hasMore: boolean
  loadingMore: boolean
  /** The oldest loaded message: the `after` cursor of `loadMore` (history is listed newest first). */
  oldestId: string | null
  /** The newest message up to which `committed` mirrors the server: the `after` cursor of `refresh`. */
  syncedId: string | null
  toolLocal: ReadonlyMap<string, ToolLocal>
  /** Bumped by `reset`: responses of an older generation are dropped. */
  generation: number
  /** Aborted by `reset` (teardown, thread switch). */
  lifecycle: AbortController
  options: ThreadStoreOptions
  readonly store: Store<ThreadSnapshot>
  /** Marks the model changed: published now, or (stream deltas) at most once per `throttleMs`. */
  changed(throttled?: boolean): void
  setStatus(status: ThreadStatus): void
  /** Puts an error in the snapshot and tells `onError`; a user abort is ignored. */
  report(cause: unknown): void
  /** Merges server messages into `committed` (known ids replaced in place, new ones appended). */
  commit(messages: readonly Message[]): void
  /** The run half of the snapshot, with a stable reference while it does not change. */
  runSnapshot(): RunSnapshot
  /** Clears everything for `threadId` and aborts what is under way. */
  reset(threadId: string | null): void
}

/**
 * Creates the model of a thread store.
 *
 * @param options - the store options (replaced later through `model.options`)
 * @param decorate - turns each message into what the snapshot shows (the roles codec's decode)
 * @param hooks - store subscription hooks (lifecycle follows subscribers)
 * @returns the model
 */
export function createThreadModel(
  options: ThreadStoreOptions,
  decorate: (message: LocalMessage) => ThreadMessage,
  hooks: { onSubscribe: () => void; onUnsubscribe: () => void },
): ThreadModel {
  const threadId = options.threadId ?? null
  let dirty = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastPublish = Number.NEGATIVE_INFINITY
  let viewCache: { committed: unknown; runMessages: unknown; rows: unknown; view: ThreadMessage[] } | undefined
  let toolCache: { run: unknown; steps: unknown; local: unknown; calls: RunSnapshot['toolCalls'] } | undefined
  let lastRunSnapshot: RunSnapshot | undefined

  function messagesView(): ThreadMessage[] {
    const { committed, rows } = model
    const runMessages = model.runState.messages
    if (viewCache?.committed !== committed || viewCache.runMessages !== runMessages || viewCache.rows !== rows) {
      viewCache = { committed, runMessages, rows, view: buildMessageView(committed, runMessages, rows).map(decorate) }
    }
    return viewCache.view
  }

  function toolCallsView(): RunSnapshot['toolCalls'] {
    const { run, steps } = model.runState
    if (toolCache?.run !== run || toolCache.steps !== steps || toolCache.local !== model.toolLocal) {
      toolCache = { run, steps, local: model.toolLocal, calls: deriveToolCalls(run, steps, model.toolLocal) }
    }
    return toolCache.calls
  }

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (!dirty) return
    dirty = false
    lastPublish = now()
    model.store.setState((prev) =>
      keepIfSame(prev, {
        threadId: model.threadId,
        status: model.status,
        messages: keepArrayIfSame(prev.messages, messagesView()),
        hasMore: model.hasMore,
        loadingMore: model.loadingMore,
        queued: model.rows.filter((row) => row.status === 'queued').length,
        run: model.runState.run,
        steps: model.runState.steps,
        toolCalls: keepArrayIfSame(prev.toolCalls, toolCallsView()),
        usage: model.runState.usage ?? model.runState.run?.usage ?? null,
        error: model.error,
      }),
    )
  }

  const model: ThreadModel = {
    threadId,
    committed: [],
    rows: [],
    runState: initialRunState(),
    status: initialThreadSnapshot(threadId).status,
    error: null,
    hasMore: false,
    loadingMore: false,
    oldestId: null,
    syncedId: null,
    toolLocal: new Map(),
    generation: 0,
    lifecycle: new AbortController(),
    options,
    store: createStore<ThreadSnapshot>(initialThreadSnapshot(threadId), hooks),
    changed(throttled = false) {
      dirty = true
      const wait = throttled ? (model.options.throttleMs ?? DEFAULT_THROTTLE_MS) - (now() - lastPublish) : 0
      // Timers may fire up to a millisecond early (libuv caches its loop time): round up and add one, so two
      // notifications are never closer than `throttleMs`.
      if (wait <= 0) flush()
      else timer ??= setTimeout(flush, Math.ceil(wait) + 1)
    },
    setStatus(status) {
      if (model.status === status) return
      model.status = status
      model.changed()
    },
    report(cause) {
      if (isAbortError(cause)) return
      const failure = AssistantsError.is(cause)
        ? cause
        : new AssistantsError('network', cause instanceof Error ? cause.message : String(cause), { cause })
      model.error = failure
      model.changed()
      model.options.onError?.(failure)
    },
    commit(messages) {
      const next = mergeNewer(model.committed, messages)
      if (next === model.committed) return
      model.committed = next
      model.changed()
    },
    runSnapshot() {
      const s = model.store.getSnapshot()
      const next: RunSnapshot = {
        threadId: s.threadId,
        status: s.status,
        run: s.run,
        steps: s.steps,
        toolCalls: s.toolCalls,
        usage: s.usage,
        error: s.error,
      }
      lastRunSnapshot = lastRunSnapshot === undefined ? next : keepIfSame(lastRunSnapshot, next)
      return lastRunSnapshot
    },
    reset(nextThreadId) {
      model.generation += 1
      model.lifecycle.abort(new DOMException('The thread store was torn down.', 'AbortError'))
      model.lifecycle = new AbortController()
      model.threadId = nextThreadId
      model.committed = []
      model.rows = []
      model.runState = initialRunState()
      model.toolLocal = new Map()
      model.status = initialThreadSnapshot(nextThreadId).status
      model.error = null
      model.hasMore = false
      model.loadingMore = false
      model.oldestId = null
      model.syncedId = null
      model.changed()
    },
  }
  return model
}
