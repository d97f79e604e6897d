import type { Client, RunSnapshot, ThreadStore } from '@skein/core'
import type { MaybeRefOrGetter } from 'vue'
import type { ReadonlyRefs } from './useThread.ts'
import { useThreadStore } from './useThreadStore.ts'

/**
 * Options of {@link useRun}. The run is driven by the thread's store, so assistant, tools and callbacks are
 * `useThread` options; `useRun` only observes.
 */
export interface UseRunOptions {
  /** The client to use instead of the plugin's. */
  client?: Client
}

/** What {@link useRun} returns: the run half of the thread snapshot as readonly refs, and the run's commands. */
export interface UseRunReturn extends ReadonlyRefs<RunSnapshot> {
  /** Aborts the stream, cancels the run on the server and resolves when it is terminal. */
  cancel: ThreadStore['cancel']
  /** Submits outputs for tool calls that have no registered function. */
  submitToolOutputs: ThreadStore['submitToolOutputs']
}

/** The store commands `useRun` returns. */
const COMMANDS = ['cancel', 'submitToolOutputs'] as const

/**
 * Subscribes to the current run of a thread: status, run object, steps, tool calls, usage and error, as readonly
 * refs. It shares the thread's store with `useThread`, and its refs change only when the run part does (not on every
 * message delta). Unsubscribes when the calling scope ends.
 *
 * @param threadId - the thread (value, ref or getter); pass `useThread(...).threadId` so a thread created by the
 *   first send is followed too
 * @param options - optionally a client
 * @returns the run refs and its commands
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { useRun, useThread } from '@skein/vue'
 * const thread = useThread(null, { assistantId: 'asst_123' })
 * const { status, toolCalls, submitToolOutputs } = useRun(thread.threadId)
 * </script>
 *
 * <template>
 *   <p>{{ status }}</p>
 *   <button v-for="call in toolCalls.filter((c) => c.status === 'pending')" :key="call.id"
 *     @click="submitToolOutputs([{ tool_call_id: call.id, output: 'ok' }])">Approve {{ call.name }}</button>
 * </template>
 * ```
 */
export function useRun(threadId: MaybeRefOrGetter<string | null>, options: UseRunOptions = {}): UseRunReturn {
  return useThreadStore(threadId, options, (store) => store.getRunSnapshot(), COMMANDS)
}
