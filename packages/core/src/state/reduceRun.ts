import { AssistantsError } from '../errors.ts'
import type { AssistantStreamEvent, StreamEventName } from '../schemas/event.ts'
import type { Message } from '../schemas/message.ts'
import type { MessageDelta } from '../schemas/messageDelta.ts'
import type { Run } from '../schemas/run.ts'
import { RUN_STATUSES, type RunStatus } from '../schemas/runStatus.ts'
import type { RunStep } from '../schemas/runStep.ts'
import type { RunStepDelta } from '../schemas/runStepDelta.ts'
import type { Thread } from '../schemas/thread.ts'
import { mergeDelta } from './mergeDelta.ts'
import { type RunState, withRun } from './runState.ts'

export type { RunState } from './runState.ts'
export { initialRunState } from './runState.ts'

/**
 * Every wire event name, each placed by one branch of {@link reduceRun}: a new wire name fails to compile where the
 * reducer reads `event.event`. The checks are on the name's last word, not 23 case labels of full names (most of the
 * bytes of a switch): `created` or a run status; the parser marks every other name unknown.
 */
type Placed<TName extends StreamEventName = StreamEventName> = TName extends
  | 'thread.message.delta'
  | 'thread.run.step.delta'
  | 'error'
  | 'done'
  | `thread.${'created' | `${'run' | 'run.step' | 'message'}.${'created' | RunStatus}`}`
  ? TName
  : never

/**
 * Folds one stream event into the run snapshot. Pure: `state` is never mutated; the result shares every message and
 * step the event did not touch, and an event that changes nothing (an unknown event, `error`, `done`) returns `state`.
 *
 * - `thread.run.*` sets `run`, `status`, `requiredAction`, `usage` and `lastError` from the run object.
 * - `*.created` / `*.in_progress` insert a message or step (keeping content already accumulated for it);
 *   `*.completed` / `failed` / `cancelled` / `expired` / `incomplete` replace it whole with the server's object, or
 *   insert it (a submit-tool-outputs stream starts with `thread.run.step.completed` of a step created earlier).
 * - `*.delta` accumulates by the rules of mergeDelta.ts: text, arguments, code and logs are appended, items are
 *   placed by `index`, ids and positions replace. A delta for a message or step that this state has never seen is an
 *   `invalid_event` error: the state cannot know that object's fields, and a store that catches the error recovers by
 *   re-listing from the server.
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
  const name: Placed = event.event
  // The two delta events come first: they are nearly every event of a stream.
  const isStep = name === 'thread.run.step.delta'
  if (isStep || name === 'thread.message.delta') {
    const data = event.data as MessageDelta | RunStepDelta
    const key = isStep ? 'steps' : 'messages'
    const list: readonly (Message | RunStep)[] = state[key]
    const index = positionOf(list, data.id)
    if (index === -1) {
      throw new AssistantsError(
        'invalid_event',
        `${name}: delta for unknown ${key.slice(0, -1)} ${JSON.stringify(data.id)} (no ${name.slice(0, -5)}created before it)`,
        { event: name, body: data },
      )
    }
    const prev = list[index]!
    const next = mergeDelta(prev, data.delta, key, name)
    if (next === prev) return state
    const items = put(list, index, next)
    // A literal, not `{ ...state }`: V8 copies a spread field by field (about 15 ns a field), and this runs once per
    // streamed token. TypeScript fails here if RunState gains a field.
    return {
      status: state.status,
      thread: state.thread,
      run: state.run,
      messages: isStep ? state.messages : (items as readonly Message[]),
      steps: isStep ? (items as readonly RunStep[]) : state.steps,
      requiredAction: state.requiredAction,
      usage: state.usage,
      lastError: state.lastError,
    }
  }
  const dot = name.lastIndexOf('.')
  const scope = name.slice(0, dot)
  const last = name.slice(dot + 1)
  // `error`, `done`, and a hand-built event with a name we do not know (not parsed, so not marked unknown).
  if (last !== 'created' && !(RUN_STATUSES as readonly string[]).includes(last)) return state
  if (scope === 'thread') return { ...state, thread: event.data as Thread }
  if (scope === 'thread.run') return withRun(state, event.data as Run)
  const key = scope === 'thread.run.step' ? 'steps' : scope === 'thread.message' ? 'messages' : undefined
  return key ? upsert(state, key, event.data as Message | RunStep, last === 'created' || last === 'in_progress') : state
}

/** Inserts or replaces a message or step; `created`/`in_progress` keep what has streamed since they were sent. */
function upsert(state: RunState, key: 'messages' | 'steps', item: Message | RunStep, repeats: boolean): RunState {
  const list: readonly (Message | RunStep)[] = state[key]
  const index = positionOf(list, item.id)
  const prev = list[index] as Record<string, unknown> | undefined
  // `created` and `in_progress` repeat the object as it was created (content: [], tool_calls: []): the list that
  // streamed since stays.
  const kept = key === 'steps' ? 'step_details' : 'content'
  const streamed = key === 'steps' ? (item as RunStep).step_details.tool_calls : item[kept]
  const next =
    repeats && prev && (streamed as unknown[] | undefined)?.length === 0
      ? ({ ...item, [kept]: prev[kept] } as Message | RunStep)
      : item
  return { ...state, [key]: put(list, index, next) }
}

// Why a backward scan and not an id -> index Map: a delta almost always targets the newest message or step, so the
// scan ends at the first comparison; and replacing an element copies the (readonly) array anyway, so a lookup cannot
// beat O(items) per delta. Measured on 20k text deltas, keeping a Map in sync cost a third of the reducer's time.
function positionOf(items: readonly { readonly id: string }[], id: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.id === id) return i
  return -1
}

/** A copy of `items` with `item` at `index`, or appended when `index` is -1; every other element keeps its identity. */
function put<TItem>(items: readonly TItem[], index: number, item: TItem): readonly TItem[] {
  const next = items.slice()
  next[index === -1 ? next.length : index] = item
  return next
}
