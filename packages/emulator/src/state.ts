// The emulator's in-memory state: assistants, threads with their messages and runs, and the lookups that throw the
// API's own 404 and 400 errors.
import { badRequest, notFound } from './apiError.ts'
import type { MessageInput } from './bodies.ts'
import { type EmulatorClock, nowSeconds } from './clock.ts'
import type { RunOutcomeFault } from './faults.ts'
import type { IdGenerator } from './ids.ts'
import type { ToolOutput } from './model.ts'
import { buildMessage } from './objects.ts'
import type { Assistant, Message, Run, RunStatus, RunStep, Thread } from './wire.ts'

/** A run and everything its timeline needs. */
export interface RunRecord {
  run: Run
  steps: RunStep[]
  /** Aborted when the run must stop emitting (cancel, a forced end, delete, reset). */
  abort: AbortController
  tokenDelayMs: number
  outcome: RunOutcomeFault | undefined
  /** Whether the creating request asked for file_search result content (`include[]`). */
  includeContent: boolean
  toolOutputs: ToolOutput[]
  /** Set while the run waits in `requires_action`; called with the outputs on submit. */
  resume: (() => void) | undefined
  /** The step and message being produced now, finalized if the run ends early. */
  current: { step?: RunStep | undefined; message?: Message | undefined }
}

/** A thread with its messages and runs, oldest first. */
export interface ThreadRecord {
  thread: Thread
  messages: Message[]
  runs: RunRecord[]
}

/** Everything the emulator remembers; `reset()` empties it. */
export interface EmulatorState {
  assistants: Map<string, Assistant>
  threads: Map<string, ThreadRecord>
  counters: { runsCreated: number; messagesCreated: number }
}

/** @returns an empty state */
export function createState(): EmulatorState {
  return { assistants: new Map(), threads: new Map(), counters: { runsCreated: 0, messagesCreated: 0 } }
}

/** The statuses in which a run holds its thread. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'in_progress', 'requires_action', 'cancelling']

/**
 * @param state - the state
 * @param id - a thread id
 * @returns the thread record; throws the API's 404 otherwise
 */
export function getThread(state: EmulatorState, id: string): ThreadRecord {
  const record = state.threads.get(id)
  if (!record) throw notFound('thread', id)
  return record
}

/**
 * @param state - the state
 * @param id - an assistant id
 * @returns the assistant; throws the API's 404 otherwise
 */
export function getAssistant(state: EmulatorState, id: string): Assistant {
  const assistant = state.assistants.get(id)
  if (!assistant) throw notFound('assistant', id)
  return assistant
}

/**
 * @param thread - the thread record
 * @param id - a message id
 * @returns the message; throws the API's 404 otherwise
 */
export function getMessage(thread: ThreadRecord, id: string): Message {
  const message = thread.messages.find((item) => item.id === id)
  if (!message) throw notFound('message', id)
  return message
}

/**
 * @param thread - the thread record
 * @param id - a run id
 * @returns the run record; throws the API's 404 otherwise
 */
export function getRun(thread: ThreadRecord, id: string): RunRecord {
  const record = thread.runs.find((item) => item.run.id === id)
  if (!record) throw notFound('run', id)
  return record
}

/**
 * @param record - the run record
 * @param id - a step id
 * @returns the step; throws the API's 404 otherwise
 */
export function getStep(record: RunRecord, id: string): RunStep {
  const step = record.steps.find((item) => item.id === id)
  if (!step) throw notFound('run step', id)
  return step
}

/**
 * @param thread - the thread record
 * @returns the run holding the thread, if any
 */
export function activeRun(thread: ThreadRecord): RunRecord | undefined {
  return thread.runs.find((item) => ACTIVE_STATUSES.includes(item.run.status))
}

/**
 * Throws the API's 400 when a run holds the thread and a client tries to add a message.
 *
 * @param thread - the thread record
 */
export function assertCanAddMessages(thread: ThreadRecord): void {
  const active = activeRun(thread)
  if (active) {
    throw badRequest(`Can't add messages to ${thread.thread.id} while a run ${active.run.id} is active.`)
  }
}

/**
 * Throws the API's 400 when a run already holds the thread and a client tries to start another.
 *
 * @param thread - the thread record
 */
export function assertCanStartRun(thread: ThreadRecord): void {
  const active = activeRun(thread)
  if (active) throw badRequest(`Thread ${thread.thread.id} already has an active run ${active.run.id}.`)
}

/**
 * Appends a message to a thread and counts it.
 *
 * @param deps - state, ids and clock
 * @param thread - the thread record
 * @param input - the validated message
 * @param origin - the assistant and run that wrote it, and its status (assistant replies start `in_progress`)
 * @returns the stored message
 */
export function addMessage(
  deps: { state: EmulatorState; ids: IdGenerator; clock: EmulatorClock },
  thread: ThreadRecord,
  input: MessageInput,
  origin: { assistant_id?: string | null; run_id?: string | null; status?: Message['status'] } = {},
): Message {
  const message = buildMessage({
    id: deps.ids.next('msg'),
    thread_id: thread.thread.id,
    created_at: nowSeconds(deps.clock),
    input,
    ...origin,
  })
  thread.messages.push(message)
  deps.state.counters.messagesCreated++
  return message
}
