import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent, KnownStreamEvent } from '../schemas/event.ts'
import type { Message } from '../schemas/message.ts'
import type { Run } from '../schemas/run.ts'
import type { RunStep } from '../schemas/runStep.ts'
import { applyMessageDelta } from './applyMessageDelta.ts'
import { applyStepDelta } from './applyStepDelta.ts'
import { append, positionOf, replaceAt } from './byId.ts'
import type { RunState } from './runState.ts'

export type { RunState } from './runState.ts'
export { initialRunState } from './runState.ts'

/**
 * Folds one stream event into the run snapshot. Pure: `state` is never mutated; the result shares every message and
 * step the event did not touch, and an event that changes nothing (an unknown event, `error`, `done`) returns `state`.
 *
 * - `thread.run.*` sets `run`, `status`, `requiredAction`, `usage` and `lastError` from the run object.
 * - `*.created` / `*.in_progress` insert a message or step (keeping content already accumulated for it);
 *   `*.completed` / `failed` / `cancelled` / `expired` / `incomplete` replace it whole with the server's object, or
 *   insert it (a submit-tool-outputs stream starts with `thread.run.step.completed` of a step created earlier).
 * - `*.delta` accumulates by typed rules (see applyMessageDelta / applyStepDelta). A delta for a message or step that
 *   this state has never seen is an `invalid_event` error: the state cannot know that object's fields, and a store
 *   that catches the error recovers by re-listing from the server.
 *
 * @param state - the current snapshot
 * @param event - a parsed stream event
 * @returns the next snapshot
 * @throws AssistantsError `invalid_event` for a delta of an unknown id, an out-of-bounds index or a mismatched part
 * @example
 * ```ts
 * let state = initialRunState()
 * for await (const event of parseEventStream(response.body)) state = reduceRun(state, event)
 * ```
 */
export function reduceRun(state: RunState, event: AssistantStreamEvent): RunState {
  if ('unknown' in event) return state
  switch (event.event) {
    // The two delta events come first: they are nearly every event of a stream.
    case 'thread.message.delta': {
      const index = positionOf(state.messages, event.data.id)
      if (index === -1) throw unknownTarget(event, 'message')
      const message = state.messages[index]!
      const next = applyMessageDelta(message, event.data, event.event)
      if (next === message) return state
      return withLists(state, replaceAt(state.messages, index, next), state.steps)
    }
    case 'thread.run.step.delta': {
      const index = positionOf(state.steps, event.data.id)
      if (index === -1) throw unknownTarget(event, 'step')
      const step = state.steps[index]!
      const next = applyStepDelta(step, event.data, event.event)
      if (next === step) return state
      return withLists(state, state.messages, replaceAt(state.steps, index, next))
    }
    case 'thread.created':
      return { ...state, thread: event.data }
    case 'thread.run.created':
    case 'thread.run.queued':
    case 'thread.run.in_progress':
    case 'thread.run.requires_action':
    case 'thread.run.completed':
    case 'thread.run.incomplete':
    case 'thread.run.failed':
    case 'thread.run.cancelling':
    case 'thread.run.cancelled':
    case 'thread.run.expired':
      return withRun(state, event.data)
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress':
      return upsertStep(state, event.data, true)
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired':
      return upsertStep(state, event.data, false)
    case 'thread.message.created':
    case 'thread.message.in_progress':
      return upsertMessage(state, event.data, true)
    case 'thread.message.completed':
    case 'thread.message.incomplete':
      return upsertMessage(state, event.data, false)
    case 'error':
    case 'done':
      return state
    default:
      // Compile-time exhaustiveness. At run time an event built by hand with a name we do not know lands here and,
      // like a parsed unknown event, leaves the state as it is.
      assertNever(event)
      return state
  }
}

function assertNever(_event: never): void {}

/**
 * The next snapshot of a delta: `state` with new message and step lists. Written as a literal, not `{ ...state }`:
 * V8 copies a spread field by field in the runtime (about 15 ns a field), a literal is one inline allocation, and
 * this runs once per streamed token. TypeScript fails here if RunState gains a field.
 */
function withLists(state: RunState, messages: RunState['messages'], steps: RunState['steps']): RunState {
  return {
    status: state.status,
    thread: state.thread,
    run: state.run,
    messages,
    steps,
    requiredAction: state.requiredAction,
    usage: state.usage,
    lastError: state.lastError,
  }
}

function withRun(state: RunState, run: Run): RunState {
  return {
    ...state,
    status: run.status,
    run,
    requiredAction: run.required_action ?? null,
    usage: run.usage ?? null,
    lastError: run.last_error ?? null,
  }
}

function upsertStep(state: RunState, step: RunStep, keepAccumulated: boolean): RunState {
  const index = positionOf(state.steps, step.id)
  if (index === -1) return { ...state, steps: append(state.steps, step) }
  const prev = state.steps[index]!
  let next = step
  // `in_progress` repeats the created object (tool_calls: []); it must not wipe calls already streamed.
  if (
    keepAccumulated &&
    step.step_details.type === 'tool_calls' &&
    step.step_details.tool_calls.length === 0 &&
    prev.step_details.type === 'tool_calls'
  ) {
    next = { ...step, step_details: prev.step_details }
  }
  return { ...state, steps: replaceAt(state.steps, index, next) }
}

function upsertMessage(state: RunState, message: Message, keepAccumulated: boolean): RunState {
  const index = positionOf(state.messages, message.id)
  if (index === -1) return { ...state, messages: append(state.messages, message) }
  const prev = state.messages[index]!
  // Same for messages: `in_progress` (content: []) must not wipe text already streamed.
  const next = keepAccumulated && message.content.length === 0 ? { ...message, content: prev.content } : message
  return { ...state, messages: replaceAt(state.messages, index, next) }
}

function unknownTarget(event: KnownStreamEvent & { data: { id: string } }, kind: 'message' | 'step') {
  return new AssistantsError(
    'invalid_event',
    `${event.event}: delta for unknown ${kind} ${JSON.stringify(event.data.id)} (no thread.${kind === 'step' ? 'run.step' : 'message'}.created before it)`,
    { event: event.event, body: event.data },
  )
}
