// The contract between the shared scenario suite (scenarios.ts) and each adapter's driver, and the helpers the
// scenarios read the DOM with. A driver mounts a chat component built from its adapter's `useThread` + `useRun`.
import type { Client, ThreadMessage, ThreadStatus, ToolCallState, ToolFunction } from '@skein/core'

/**
 * The DOM every driver renders:
 * `<section data-testid="chat" data-status data-run-status data-thread-id>` holding
 * `<ol><li data-id data-role data-local>text</li>...</ol>` (one row per message, `data-local` = `local.status` or '').
 */
export interface ChatProps {
  client: Client
  threadId: string | null
  assistantId: string
  tools?: Readonly<Record<string, ToolFunction>>
  pageSize?: number
}

/** The hooks' values as plain data, whatever the adapter returns (plain values or refs). */
export interface ChatState {
  threadId: string | null
  status: ThreadStatus
  messages: readonly ThreadMessage[]
  hasMore: boolean
  loadingMore: boolean
  queued: number
  error: Error | null
  runStatus: ThreadStatus
  toolCalls: readonly ToolCallState[]
}

/** The hooks' commands, as the latest render returned them. */
export interface ChatCommands {
  send: (content: string) => Promise<ThreadMessage>
  retry: (id: string) => Promise<ThreadMessage>
  discard: (id: string) => void
  cancel: () => Promise<void>
  loadMore: () => Promise<void>
}

export interface MountedChat {
  container: HTMLElement
  state: () => ChatState
  commands: () => ChatCommands
  /** Renders of the chat component (React: Profiler commits; Vue: render function calls). */
  renders: () => number
  /** Renders of the memoized row for this message id. */
  rowRenders: (id: string) => number
  unmount: () => void
}

export interface AdapterDriver {
  name: string
  mount: (props: ChatProps) => MountedChat
}

export interface Row {
  id: string
  role: string
  local: string
  text: string
}

export function rows(container: HTMLElement): Row[] {
  return [...container.querySelectorAll('li')].map((li) => ({
    id: li.dataset['id'] ?? '',
    role: li.dataset['role'] ?? '',
    local: li.dataset['local'] ?? '',
    text: li.textContent ?? '',
  }))
}

export function chatAttribute(container: HTMLElement, name: 'status' | 'runStatus' | 'threadId'): string {
  const section = container.querySelector<HTMLElement>('[data-testid="chat"]')
  return section?.dataset[name] ?? ''
}

/** Polls until `check` stops throwing (real HTTP and real timers: no fake clock here). */
export async function until<T>(check: () => T, timeout = 8_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() - start > timeout) throw error
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
}
