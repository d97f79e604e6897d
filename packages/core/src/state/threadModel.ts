import { AssistantsError, isAbortError } from '../errors.ts'
import { isActiveRunStatus, type Message } from '../schemas/index.ts'
import { createStore, type Store } from './createStore.ts'
import { initialRunState, type RunState } from './runState.ts'
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
  type ToolCallState,
} from './threadSnapshot.ts'
import { requiredCalls } from './toolCalls.ts'

/** The fields `reset` clears. */
interface ThreadFields {
  /** The thread's id; null until the first send creates it. */
  id: string | null
  /** Server-confirmed messages, in server order. */
  committed: readonly Message[]
  /** Optimistic sends as shown (`local` set), in the order they were made. */
  rows: readonly LocalMessage[]
  /** The current (or last) run, as streamed or polled. */
  runState: RunState
  status: ThreadStatus
  error: AssistantsError | null
  hasMore: boolean
  loadingMore: boolean
  /** The newest message up to which `committed` mirrors the server: the `after` cursor of `refresh`. */
  syncedId: string | null
  /** The function calls the current run asked for, by id, with what the store did with each. */
  tools: ReadonlyMap<string, ToolCallState>
}

/**
 * The mutable model behind a thread store, shared by its parts (send queue, history, run driver). Arrays and maps are
 * replaced, never mutated, so published snapshots can share them; `set` publishes a new immutable snapshot.
 */
export interface ThreadModel extends ThreadFields, Store<ThreadSnapshot> {
  /** Ids of runs this store made itself: `onMessage` never fires for their messages. */
  readonly own: Set<string>
  /** Aborted by `reset` (teardown, thread switch): requests under it stop, and their late answers are dropped. */
  life: AbortSignal
  options: ThreadStoreOptions
  /** Assigns `patch` and publishes: now, or (stream deltas) at most once per `throttleMs`. */
  set(patch?: Partial<ThreadFields>, throttled?: boolean): void
  /** Puts an error in the snapshot and tells `onError`; returns it. A user abort is ignored (returns undefined). */
  report(cause: unknown): AssistantsError | undefined
  /**
   * Merges server messages (in server order) into `committed` and returns the ones it did not have. A known message
   * stays where it is, as the same object unless the new copy shows something else. An unknown one goes after the
   * listed message before it, or, first in the list, after `after` (`null`: at the start; `undefined`, or an id not
   * committed: at the end).
   */
  merge(messages: readonly Message[], after?: string | null): Message[]
  /** Replaces the run state; the store status follows the run's, and a failed or expired run is an error. */
  setRun(next: RunState, throttled?: boolean): void
  /** The run half of the snapshot, with a stable reference while it does not change. */
  runSnapshot(): RunSnapshot
  /** Clears everything for `threadId` and aborts what is under way. */
  reset(threadId: string | null): void
}

const fresh = (threadId: string | null): ThreadFields => ({
  id: threadId,
  committed: [],
  rows: [],
  runState: initialRunState(),
  status: initialThreadSnapshot(threadId).status,
  error: null,
  hasMore: false,
  loadingMore: false,
  syncedId: null,
  tools: new Map(),
})

/** What a copy of a message shows (content and status): two copies that show the same keep the older object. */
const shown = (message: Message): string => JSON.stringify([message.status ?? 'completed', message.content])

const streaming = new WeakMap<Message, LocalMessage>()

/** A run message as shown while it streams: `local.status: 'streaming'` until the server marks it finished. */
function streamingView(message: Message): LocalMessage {
  if ((message.status ?? 'in_progress') !== 'in_progress') return message
  let view = streaming.get(message)
  if (!view) {
    view = { ...message, local: { status: 'streaming' } }
    streaming.set(message, view)
  }
  return view
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
  let timer: ReturnType<typeof setTimeout> | undefined
  let lifecycle = new AbortController()
  let runHalf = {} as RunSnapshot

  function flush(): void {
    clearTimeout(timer)
    timer = undefined
    const prev = model.getSnapshot()
    const { committed, rows, runState } = model
    const { run, steps } = runState
    runHalf = keepIfSame(runHalf, {
      threadId: model.id,
      status: model.status,
      run,
      steps,
      toolCalls: keepArrayIfSame(prev.toolCalls, [...model.tools.values()]),
      usage: runState.usage,
      error: model.error,
    })
    // Committed server messages, then the run's messages not committed yet, then optimistic rows.
    const known = new Set(committed.map((message) => message.id))
    const running = runState.messages.filter((message) => !known.has(message.id)).map(streamingView)
    // A listed reply of the run still going (one followed by polling) shows as streaming too. By its run, not its
    // `status`: REST messages leave that out.
    const going = run && isActiveRunStatus(run.status) ? run.id : undefined
    const listed = going
      ? committed.map((message) =>
          message.run_id === going && message.role === 'assistant' ? streamingView(message) : message,
        )
      : committed
    const next: ThreadSnapshot = {
      ...runHalf,
      messages: keepArrayIfSame(prev.messages, [...listed, ...running, ...rows].map(decorate)),
      hasMore: model.hasMore,
      loadingMore: model.loadingMore,
      queued: rows.filter((row) => row.local?.status === 'queued').length,
    }
    model.setState(() => keepIfSame(prev, next))
  }

  const model: ThreadModel = {
    ...fresh(threadId),
    own: new Set(),
    life: lifecycle.signal,
    options,
    ...createStore<ThreadSnapshot>(initialThreadSnapshot(threadId), hooks),
    set(patch, throttled) {
      Object.assign(model, patch)
      // A delta waits for the next publish, at most `throttleMs` away; anything else publishes now (with the deltas
      // before it). Timers may fire up to a millisecond early (libuv caches its loop time): one more keeps two
      // notifications of a stream at least `throttleMs` apart.
      const wait = throttled && (model.options.throttleMs ?? 32)
      if (wait) timer ??= setTimeout(flush, wait + 1)
      else flush()
    },
    report(cause) {
      if (isAbortError(cause)) return
      const error = AssistantsError.is(cause)
        ? cause
        : new AssistantsError('network', String((cause as Error | null)?.message ?? cause), { cause })
      model.set({ error })
      model.options.onError?.(error)
      return error
    },
    merge(messages, after) {
      const committed = [...model.committed]
      const indexOf = (id?: string) => committed.findIndex((message) => message.id === id)
      let at = after === null ? 0 : indexOf(after) + 1 || committed.length
      const added = messages.filter((message) => {
        const index = indexOf(message.id)
        if (index < 0) committed.splice(at++, 0, message)
        else {
          if (shown(committed[index]!) !== shown(message)) committed[index] = message
          at = index + 1
        }
        return index < 0
      })
      model.set({ committed })
      return added
    },
    setRun(runState, throttled) {
      const run = runState.run
      // The calls a run waits for show (`pending`, or as far as the store got) from the snapshot that shows it waiting,
      // and so do new ones of a later read in the same status (a poll after a dropped submit stream).
      if (run?.status === 'requires_action' && run !== model.runState.run) {
        const waiting = requiredCalls(run).map(
          (call) => [call.id, { ...call, output: null, status: 'pending' }] as const,
        )
        model.tools = new Map([...waiting, ...model.tools])
      }
      // Nearly every call is a delta: no patch object for those.
      model.runState = runState
      if (!run || run.status === model.status) return model.set(undefined, throttled)
      const { id, status, last_error } = run
      model.status = status
      // A failed or expired run is an error in the same snapshot that shows its status.
      if (status !== 'failed' && status !== 'expired') return model.set()
      const reason = last_error ? `: ${last_error.message}` : '.'
      model.report(new AssistantsError('run_failed', `Run ${id} ${status}${reason}`, { body: last_error }))
    },
    runSnapshot: () => runHalf,
    reset(nextThreadId) {
      lifecycle.abort()
      lifecycle = new AbortController()
      model.life = lifecycle.signal
      model.set(fresh(nextThreadId))
    },
  }
  flush() // the first run half, from the initial snapshot's values
  return model
}
