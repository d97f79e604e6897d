'use client'

import type { Client, ThreadSnapshot, ThreadStore, ThreadStoreOptions } from '@skein/core'
import { useThreadStore } from './useThreadStore.ts'

/** Options of {@link useThread}: the thread store's options (assistant, tools, callbacks, ...) plus a client. */
export interface UseThreadOptions extends Omit<ThreadStoreOptions, 'threadId'> {
  /** The client to use instead of the `SkeinProvider`'s. */
  client?: Client
}

/**
 * What {@link useThread} returns: the thread snapshot (plain values, a new object only when something changed) and
 * the store's commands (stable functions for the life of the store, safe in dependency arrays).
 */
export interface UseThreadReturn extends ThreadSnapshot {
  /** Shows the message at once and posts it; a user send then starts a run (queued while another run is active). */
  send: ThreadStore['send']
  /** Posts a message without starting a run. */
  insert: ThreadStore['insert']
  /** Loads the next page of older messages. */
  loadMore: ThreadStore['loadMore']
  /** Fetches what others added to the thread since the last look (see `live` to do it on a timer). */
  refresh: ThreadStore['refresh']
  /** Aborts the stream, cancels the run on the server and resolves when it is terminal. */
  cancel: ThreadStore['cancel']
  /** Sends a failed message again. */
  retry: ThreadStore['retry']
  /** Removes a failed or queued message. */
  discard: ThreadStore['discard']
  /** Submits outputs for tool calls that have no registered function. */
  submitToolOutputs: ThreadStore['submitToolOutputs']
}

/** The store commands `useThread` returns. */
const COMMANDS = ['send', 'insert', 'loadMore', 'refresh', 'cancel', 'retry', 'discard', 'submitToolOutputs'] as const

/**
 * Subscribes to a thread: its messages (history, optimistic sends and the streaming reply), its status and its
 * commands. Components on the same thread share one store; the hook holds no state of its own. Options may change on
 * any render (fresh callbacks reach the store through `setOptions`).
 *
 * @param threadId - the thread to show, or `null` to create one on the first send (reported by `onThreadCreated`)
 * @param options - assistant, run options, tools, callbacks, and optionally a client
 * @returns the snapshot and the commands
 * @example
 * ```tsx
 * function Chat({ threadId }: { threadId: string | null }) {
 *   const { messages, status, send, cancel } = useThread(threadId, { assistantId: 'asst_123' })
 *   return (
 *     <>
 *       <ul>{messages.map((m) => <li key={m.id}>{messageText(m)}</li>)}</ul>
 *       <button onClick={() => send('Hello!')}>Send</button>
 *       {isRunActive(status) && <button onClick={cancel}>Stop</button>}
 *     </>
 *   )
 * }
 * ```
 */
export function useThread(threadId: string | null, options: UseThreadOptions = {}): UseThreadReturn {
  return useThreadStore(threadId, options, 'getSnapshot', COMMANDS, true)
}
