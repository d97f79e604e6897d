import type { Client, ThreadSnapshot, ThreadStore, ThreadStoreOptions } from '@skein/core'
import type { MaybeRefOrGetter, Ref } from 'vue'
import { useThreadStore } from './useThreadStore.ts'

/** Each field of `T` as a readonly ref. */
export type ReadonlyRefs<T> = { readonly [K in keyof T]: Readonly<Ref<T[K]>> }

/** Options of {@link useThread}: the thread store's options (assistant, tools, callbacks, ...) plus a client. */
export interface UseThreadOptions extends Omit<ThreadStoreOptions, 'threadId'> {
  /** The client to use instead of the plugin's (read once, at setup). */
  client?: Client
}

/** What {@link useThread} returns: every snapshot field as a readonly ref, and the store's commands. */
export interface UseThreadReturn extends ReadonlyRefs<ThreadSnapshot> {
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
 * commands, as readonly refs. Components on the same thread share one store. Unsubscribes when the calling scope (a
 * component's setup, or an `effectScope`) ends.
 *
 * @param threadId - the thread to show (value, ref or getter; a change switches threads), or `null` to create one on
 *   the first send (reported by `onThreadCreated`)
 * @param options - assistant, run options, tools, callbacks and optionally a client (value, ref or getter; a new
 *   value reaches the store through `setOptions`)
 * @returns the snapshot refs and the commands
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { messageText } from '@skein/core'
 * import { useThread } from '@skein/vue'
 * const props = defineProps<{ threadId: string | null }>()
 * const { messages, status, send } = useThread(() => props.threadId, { assistantId: 'asst_123' })
 * </script>
 *
 * <template>
 *   <ul><li v-for="m in messages" :key="m.id">{{ messageText(m) }}</li></ul>
 *   <button :disabled="status === 'loading'" @click="send('Hello!')">Send</button>
 * </template>
 * ```
 */
export function useThread(
  threadId: MaybeRefOrGetter<string | null>,
  options?: MaybeRefOrGetter<UseThreadOptions | undefined>,
): UseThreadReturn {
  return useThreadStore(threadId, options, (store) => store.getSnapshot(), COMMANDS, true)
}
