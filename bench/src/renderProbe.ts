// What the render benchmark records while a chat component streams: each commit (with the messages it showed) and
// each row render, flagging rows that render again although their message was already finished.
import type { Client, ThreadMessage } from '@skein/core'

/** A commit of the chat component. */
export interface Commit {
  readonly at: number
  readonly messages: readonly ThreadMessage[]
}

/** The recorder a chat component reports to. */
export interface RenderProbe {
  /** The chat component committed (React: Profiler onRender; Vue: mounted/updated) showing `messages`. */
  commit(messages: readonly ThreadMessage[]): void
  /** A memoized row rendered `message`. */
  row(message: ThreadMessage): void
  readonly commits: readonly Commit[]
  /** Renders of a row whose message was finished the previous time that row rendered. */
  readonly finishedReRenders: () => number
  /** Ids of the rows counted by `finishedReRenders`. */
  readonly reRendered: () => readonly string[]
}

/** What a chat component needs. */
export interface ChatSetup {
  readonly client: Client
  readonly threadId: string
  readonly assistantId: string
}

/** Mounts a chat into `container` and returns its unmount. */
export type MountChat = (container: HTMLElement, setup: ChatSetup, probe: RenderProbe) => () => void

/** A message that will not change any more: confirmed by the server and not streaming. */
export function isFinished(message: ThreadMessage): boolean {
  if (message.local !== undefined) return false
  // REST messages carry no status; streamed ones do until they complete.
  return message.status === undefined || message.status === 'completed' || message.status === 'incomplete'
}

/**
 * Creates a probe.
 *
 * @returns a fresh recorder
 */
export function createRenderProbe(): RenderProbe {
  const commits: Commit[] = []
  const finished = new Map<string, boolean>()
  const reRendered: string[] = []
  return {
    commits,
    commit(messages) {
      commits.push({ at: performance.now(), messages })
    },
    row(message) {
      if (finished.get(message.id) === true) reRendered.push(message.id)
      finished.set(message.id, isFinished(message))
    },
    finishedReRenders: () => reRendered.length,
    reRendered: () => reRendered,
  }
}
