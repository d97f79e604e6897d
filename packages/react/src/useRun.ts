'use client'

import type { Client, RunSnapshot, ThreadStore } from '@skein/core'
import { useThreadStore } from './useThreadStore.ts'

/**
 * Options of {@link useRun}. The run is driven by the thread's store, so assistant, tools and callbacks are
 * `useThread` options; `useRun` only observes.
 */
export interface UseRunOptions {
  /** The client to use instead of the `SkeinProvider`'s. */
  client?: Client
}

/** What {@link useRun} returns: the run half of the thread snapshot (plain values) and the run's commands (stable). */
export interface UseRunReturn extends RunSnapshot {
  /** Aborts the stream, cancels the run on the server and resolves when it is terminal. */
  cancel: ThreadStore['cancel']
  /** Submits outputs for tool calls that have no registered function. */
  submitToolOutputs: ThreadStore['submitToolOutputs']
}

/** The store commands `useRun` returns. */
const COMMANDS = ['cancel', 'submitToolOutputs'] as const

/**
 * Subscribes to the current run of a thread: status, run object, steps, tool calls, usage and error. It shares the
 * thread's store with `useThread`, and re-renders only when the run part changes (not on every message delta).
 *
 * @param threadId - the thread; pass `useThread(...).threadId` so a thread created by the first send is followed too
 * @param options - optionally a client
 * @returns the run snapshot and its commands
 * @example
 * ```tsx
 * function RunPanel({ threadId }: { threadId: string | null }) {
 *   const { status, toolCalls, usage, submitToolOutputs } = useRun(threadId)
 *   const pending = toolCalls.filter((call) => call.status === 'pending')
 *   return (
 *     <aside>
 *       <p>{status} · {usage?.total_tokens ?? 0} tokens</p>
 *       {pending.map((call) => (
 *         <button key={call.id} onClick={() => submitToolOutputs([{ tool_call_id: call.id, output: 'ok' }])}>
 *           Approve {call.name}
 *         </button>
 *       ))}
 *     </aside>
 *   )
 * }
 * ```
 */
export function useRun(threadId: string | null, options: UseRunOptions = {}): UseRunReturn {
  return useThreadStore(threadId, options, 'getRunSnapshot', COMMANDS)
}
