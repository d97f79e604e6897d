import type { MessageCreateParams } from '../client/params.ts'
import type { AssistantsError } from '../errors.ts'
import type { Message } from '../schemas/index.ts'
import type { RunOverrides } from './storeOptions.ts'
import type { LocalMessage, LocalStatus } from './threadSnapshot.ts'

/** What a send posts: the wire body of `messages.create`. */
export type PendingParams = MessageCreateParams

/** An optimistic message: shown at once, replaced by the server's message on success, kept as `failed` otherwise. */
export interface PendingRow {
  readonly tempId: string
  readonly params: PendingParams
  /** Whether delivering it starts a run, and with which per-send run overrides. */
  readonly wantsRun: boolean
  readonly runOverrides: RunOverrides | undefined
  readonly status: Exclude<LocalStatus, 'streaming'>
  readonly error: AssistantsError | undefined
  /** The row as the snapshot shows it; rebuilt only when the row changes, so React/Vue see a stable identity. */
  readonly view: LocalMessage
}

let counter = 0

/** A temporary id that cannot collide with a server id (server ids never start with `local_`). */
export function nextTempId(): string {
  counter += 1
  return `local_${Date.now().toString(36)}_${counter.toString(36)}`
}

function contentParts(content: PendingParams['content']): Message['content'] {
  if (typeof content === 'string') return [{ type: 'text', text: { value: content, annotations: [] } }]
  // Request text parts are `{ type: 'text', text: string }`; response parts are `{ text: { value, annotations } }`.
  return content.map((part) => {
    const p = part as { type?: unknown; text?: unknown }
    if (p.type === 'text' && typeof p.text === 'string')
      return { type: 'text', text: { value: p.text, annotations: [] } }
    return part
  }) as Message['content']
}

function rowView(row: Omit<PendingRow, 'view'>, threadId: string | null, createdAt: number): LocalMessage {
  const local =
    row.error === undefined
      ? { status: row.status, tempId: row.tempId }
      : { status: row.status, tempId: row.tempId, error: row.error }
  return {
    id: row.tempId,
    object: 'thread.message',
    created_at: createdAt,
    thread_id: threadId ?? '',
    role: row.params.role,
    content: contentParts(row.params.content),
    assistant_id: null,
    run_id: null,
    attachments: (row.params.attachments ?? []) as Message['attachments'],
    metadata: { ...row.params.metadata },
    local,
  } as LocalMessage
}

/** Creates a pending row for `params`. */
export function createRow(
  params: PendingParams,
  options: {
    wantsRun: boolean
    runOverrides: RunOverrides | undefined
    status: 'queued' | 'sending'
  },
  threadId: string | null,
): PendingRow {
  const base = {
    tempId: nextTempId(),
    params,
    wantsRun: options.wantsRun,
    runOverrides: options.runOverrides,
    status: options.status,
    error: undefined,
  }
  return { ...base, view: rowView(base, threadId, Math.floor(Date.now() / 1000)) }
}

/** The same row with a new status (and error); its view is rebuilt, everything else is kept. */
export function withStatus(
  row: PendingRow,
  status: PendingRow['status'],
  error: AssistantsError | undefined,
  threadId: string | null,
): PendingRow {
  if (row.status === status && row.error === error) return row
  const next = { ...row, status, error }
  return { ...next, view: rowView(next, threadId, row.view.created_at) }
}

/**
 * Merges `incoming` server messages into `committed` (ascending): a known id is replaced where it stands, a new one
 * is appended. Returns `committed` itself when nothing changed.
 */
export function mergeNewer(committed: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return committed
  const at = new Map<string, number>()
  committed.forEach((message, index) => {
    at.set(message.id, index)
  })
  let next: Message[] | undefined
  for (const message of incoming) {
    const index = at.get(message.id)
    if (index !== undefined && committed[index] === message) continue
    next ??= committed.slice()
    if (index === undefined) {
      at.set(message.id, next.length)
      next.push(message)
    } else {
      next[index] = message
    }
  }
  return next ?? committed
}

/** Puts `older` (ascending, older than everything committed) in front, skipping ids already present. */
export function mergeOlder(committed: readonly Message[], older: readonly Message[]): readonly Message[] {
  const known = new Set(committed.map((message) => message.id))
  const fresh = older.filter((message) => !known.has(message.id))
  return fresh.length === 0 ? committed : [...fresh, ...committed]
}

const streamingViews = new WeakMap<Message, LocalMessage>()

/** A run message as shown while it streams: `local.status: 'streaming'` until the server marks it finished. */
export function streamingView(message: Message): LocalMessage {
  if (message.status !== undefined && message.status !== 'in_progress') return message
  let view = streamingViews.get(message)
  if (view === undefined) {
    view = { ...message, local: { status: 'streaming' } }
    streamingViews.set(message, view)
  }
  return view
}

/**
 * The message list of a snapshot: committed server messages, then the current run's messages that are not committed
 * yet, then optimistic rows. Message objects keep their identity across calls.
 */
export function buildMessageView(
  committed: readonly Message[],
  runMessages: readonly Message[],
  rows: readonly PendingRow[],
): LocalMessage[] {
  const view: LocalMessage[] = committed.slice()
  if (runMessages.length > 0) {
    const known = new Set(committed.map((message) => message.id))
    for (const message of runMessages) if (!known.has(message.id)) view.push(streamingView(message))
  }
  for (const row of rows) view.push(row.view)
  return view
}
