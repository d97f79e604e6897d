import type { ResponseCache } from '../cache/createResponseCache.ts'
import type {
  MessageAttachmentParam,
  MessageContentPartParam,
  MessageCreateParams,
  RunCreateParams,
} from '../client/params.ts'
import type { AssistantsError } from '../errors.ts'
import type { AuthoredMessageInput } from '../roles/author.ts'
import type { RolesCodec } from '../roles/createRolesCodec.ts'
import type { Run } from '../schemas/index.ts'
import type { LiveEnvironment } from './livePoller.ts'
import type { RunSnapshot, ThreadMessage, ThreadSnapshot } from './threadSnapshot.ts'
import type { ToolFunction, ToolOutput } from './toolCalls.ts'

/** Run fields a store sends with its runs (everything of `runs.create` but the assistant, which the store sets). */
export type RunOverrides = Readonly<Omit<RunCreateParams, 'assistant_id'>>

/** Polling for messages and runs that other parties add to the thread. */
export interface LiveOptions {
  /** The first (and shortest) interval between refreshes. */
  intervalMs: number
  /** The interval doubles while nothing changes, up to this. @defaultValue 8 × intervalMs */
  maxIntervalMs?: number
  /** Visibility and connectivity; by default `document.visibilityState` and `navigator.onLine` where they exist. */
  environment?: LiveEnvironment
}

/** Options of `createThreadStore`. They may change at any time through `setOptions`. */
export interface ThreadStoreOptions {
  /** The thread to show; `null` creates one on the first send (see `onThreadCreated`). @defaultValue null */
  threadId?: string | null
  /** The assistant that answers user sends. Required for sends that start a run. */
  assistantId?: string
  /** Run overrides sent with every run (`model`, `instructions`, `tools`, `temperature`, ...), wire spelling. */
  runOptions?: RunOverrides
  /** Body fields for the thread created when `threadId` is null (e.g. `metadata`). */
  threadOptions?: Readonly<Record<string, unknown>>
  /** Client-side tools by function name; their outputs are submitted and the same run goes on. */
  tools?: Readonly<Record<string, ToolFunction>>
  /** The first messages of a thread this store creates (e.g. `fewShot([...])`). */
  seed?: readonly MessageCreateParams[]
  /** Encodes custom roles and authors on send and decodes every message shown. @defaultValue the client's codec */
  roles?: RolesCodec
  /** Checked before every run: a hit posts the stored reply and shows a completed run marked `cached: true`. */
  cache?: ResponseCache
  /** Messages per history page. @defaultValue 20 */
  pageSize?: number
  /** At most one notification per this many ms while a reply streams. @defaultValue 32 */
  throttleMs?: number
  /**
   * Poll interval while a run is followed without a stream (after a drop, or a run started elsewhere): its messages
   * are re-listed at this pace, and the run polled at it unless the server asks otherwise (`openai-poll-after-ms`).
   * @defaultValue 1000
   */
  pollIntervalMs?: number
  /** Refresh on a timer while subscribed and no run streams, so messages from other parties appear. @defaultValue off */
  live?: LiveOptions | false
  /** Called once when a thread is created for a store that started with `threadId: null`. */
  onThreadCreated?: (threadId: string) => void
  /** Called with every error that also lands in the snapshot. A user abort is never an error. */
  onError?: (error: AssistantsError) => void
  /** Called when a run reaches a terminal status. */
  onRunEnd?: (run: Run) => void
  /** Called once for each message that arrives from elsewhere (another client, a back-end job, a foreign run). */
  onMessage?: (message: ThreadMessage) => void
}

/** Options of one send. */
export interface SendOptions {
  /**
   * Who speaks: `user`, `assistant` (a reply posted without a run), or a custom role such as `critic`, which the roles
   * codec maps to a wire role, records in metadata and labels for the model. @defaultValue 'user'
   */
  role?: string
  /** A named author (`{ role: 'critic', name: 'Ada' }`). */
  name?: string
  /** Whether to start a run after posting. @defaultValue true for a plain `user` send, false otherwise */
  run?: boolean
  /** Cancel the active run first instead of waiting for it. @defaultValue false */
  interrupt?: boolean
  /** Message attachments and metadata, wire spelling. */
  attachments?: readonly MessageAttachmentParam[]
  metadata?: Readonly<Record<string, string>>
  /** Run overrides for the run this send starts. */
  runOptions?: RunOverrides
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
  /** Fetches what is newer than the newest message the store has, and any run started elsewhere. */
  refresh: () => Promise<void>
  /** Shows `content` at once and posts it; a user send then starts a run. Resolves to the server message or the failed row. */
  send: (content: string | readonly MessageContentPartParam[], options?: SendOptions) => Promise<ThreadMessage>
  /** Posts a message without a run (an assistant reply you already have, a custom author's note). */
  insert: (message: AuthoredMessageInput) => Promise<ThreadMessage>
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
