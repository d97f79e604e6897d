// The contract between the shared scenario suite (scenarios.ts) and each adapter's driver, and the helpers the
// scenarios read the DOM with. A driver mounts a chat component built from its adapter's `useThread` + `useRun`.
import type {
  AuthoredMessageInput,
  Client,
  LiveOptions,
  ResponseCache,
  SendOptions,
  ThreadMessage,
  ThreadStatus,
  ToolCallState,
  ToolFunction,
} from '@skein/core'

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

export function chatAttribute(container: HTMLElement, name: 'status' | 'runStatus' | 'threadId' | 'cached'): string {
  const section = container.querySelector<HTMLElement>('[data-testid="chat"]')
  return section?.dataset[name] ?? ''
}

/**
 * The authored chat of the roles and live scenarios (rolesScenarios.ts, liveScenarios.ts): the DOM of {@link ChatProps}
 * plus who wrote each message and whether the reply came from the response cache:
 * `<section data-testid="chat" data-status data-run-status data-thread-id data-cached>` (`data-cached` = 'true' when
 * the snapshot's `run.cached === true`, else ''), holding
 * `<ol><li data-id data-role data-local data-author-role data-author-name data-cached>` rows, each with
 * `<strong data-part="author">Ada (critic)</strong>` (`name (role)`, or the role alone) and
 * `<span data-part="text">messageText(message)</span>`; the row's `data-cached` is 'true' for a reply whose metadata has
 * `skein_cached: '1'`. `data-role` stays the wire role.
 */
export interface AuthoredChatProps extends ChatProps {
  /** The store's response cache (issue 5). */
  cache?: ResponseCache
  /** Live refresh (issue 9). */
  live?: LiveOptions
  /** Called once per message that arrives from elsewhere (issue 9). */
  onMessage?: (message: ThreadMessage) => void
}

/** The authored chat's commands: the base ones, with send options, `insert` and `refresh`. */
export interface AuthoredChatCommands extends ChatCommands {
  send: (content: string, options?: SendOptions) => Promise<ThreadMessage>
  insert: (message: AuthoredMessageInput) => Promise<ThreadMessage>
  refresh: () => Promise<void>
}

export interface MountedAuthoredChat extends Omit<MountedChat, 'commands'> {
  commands: () => AuthoredChatCommands
}

export interface AuthoredAdapterDriver {
  name: string
  mount: (props: AuthoredChatProps) => MountedAuthoredChat
}

export interface AuthoredRow extends Row {
  authorRole: string
  authorName: string
  /** The rendered author label, e.g. `Ada (critic)`. */
  author: string
  cached: string
}

export function authoredRows(container: HTMLElement): AuthoredRow[] {
  return [...container.querySelectorAll('li')].map((li) => ({
    id: li.dataset['id'] ?? '',
    role: li.dataset['role'] ?? '',
    local: li.dataset['local'] ?? '',
    authorRole: li.dataset['authorRole'] ?? '',
    authorName: li.dataset['authorName'] ?? '',
    author: li.querySelector('[data-part="author"]')?.textContent ?? '',
    text: li.querySelector('[data-part="text"]')?.textContent ?? '',
    cached: li.dataset['cached'] ?? '',
  }))
}

/** The author label the authored chat renders: `name (role)`, or the role alone. */
export function authorLabel(author: { role: string; name?: string | undefined }): string {
  return author.name === undefined ? author.role : `${author.name} (${author.role})`
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
