import type { AssistantsError } from '../errors.ts'
import type { Author } from '../roles/author.ts'
import { isActiveRunStatus, type Message, type Run, type RunStatus, type RunStep } from '../schemas/index.ts'

/**
 * The one status of a thread store: the API's run statuses, plus `idle` (no run yet) and `loading` (first page of
 * history on its way). Booleans are derived from it by {@link isRunActive}.
 */
export type ThreadStatus = 'idle' | 'loading' | RunStatus

/** Where a message that is not (yet) the server's stands. */
export type LocalStatus = 'queued' | 'sending' | 'failed' | 'streaming'

/** Local facts about a message that the server has not confirmed, or that is still streaming. */
export interface LocalState {
  readonly status: LocalStatus
  /** The temporary id of an optimistic message (also its `id` until the server answers). */
  readonly tempId?: string
  /** Why it failed, for `failed` rows. */
  readonly error?: AssistantsError
}

/** A wire message plus `local` while it is optimistic or streaming (before the roles codec decodes it). */
export type LocalMessage = Message & { readonly local?: LocalState }

/**
 * A message as a thread store shows it: the wire message decoded by the roles codec (`author`, content without the
 * author label), plus `local` while it is optimistic or streaming.
 */
export type ThreadMessage = LocalMessage & { readonly author: Author }

/** A function tool call of the current run and what the store did with it. */
export interface ToolCallState {
  readonly id: string
  readonly name: string
  /** The arguments as the model wrote them (JSON text). */
  readonly arguments: string
  /** The submitted output, once there is one. */
  readonly output: string | null
  /**
   * `pending`: waiting for the app (no registered function; call `submitToolOutputs`); `running`: the registered
   * function is working; `done`: the output is known; `error`: the function threw and its error was submitted.
   */
  readonly status: 'pending' | 'running' | 'done' | 'error'
}

/** The run half of a thread snapshot: what `useRun` returns. Same reference until one of its fields changes. */
export interface RunSnapshot {
  readonly threadId: string | null
  readonly status: ThreadStatus
  readonly run: Run | null
  readonly steps: readonly RunStep[]
  readonly toolCalls: readonly ToolCallState[]
  readonly usage: Run['usage'] | null
  readonly error: AssistantsError | null
}

/** Everything a thread store shows: what `useThread` returns, minus the commands. Immutable; shares structure. */
export interface ThreadSnapshot extends RunSnapshot {
  /** Server messages in order, then the streaming reply, then optimistic sends. */
  readonly messages: readonly ThreadMessage[]
  /** Whether older history can be loaded with `loadMore()`. */
  readonly hasMore: boolean
  /** Whether `loadMore()` is on its way. */
  readonly loadingMore: boolean
  /** How many sends are waiting for the thread to be free. */
  readonly queued: number
}

/**
 * Whether a status means a run holds the thread (queued, in progress, waiting for tool outputs, or cancelling).
 *
 * @param status - a thread or run status
 * @returns true while a run is active
 */
export function isRunActive(status: ThreadStatus): boolean {
  return isActiveRunStatus(status)
}

/** The first snapshot of a store on `threadId`: deterministic, so server and client renders agree. */
export function initialThreadSnapshot(threadId: string | null): ThreadSnapshot {
  return {
    threadId,
    status: threadId === null ? 'idle' : 'loading',
    messages: [],
    hasMore: false,
    loadingMore: false,
    queued: 0,
    run: null,
    steps: [],
    toolCalls: [],
    usage: null,
    error: null,
  }
}

/** Returns `next` unless every field is identical to `prev`'s, so unchanged snapshots keep their reference. */
export function keepIfSame<T extends object>(prev: T, next: T): T {
  for (const key in next) if (!Object.is(prev[key], next[key])) return next
  return prev
}

/** Returns `next` when it differs from `prev` element by element, else `prev` (so the array keeps its identity). */
export function keepArrayIfSame<T>(prev: readonly T[], next: readonly T[]): readonly T[] {
  return prev.length === next.length ? keepIfSame(prev, next) : next
}
