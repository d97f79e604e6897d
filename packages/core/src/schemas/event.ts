import type * as v from 'valibot'
import type { WireError } from './common.ts'
import { type Message, MessageSchema } from './message.ts'
import { type MessageDelta, MessageDeltaSchema } from './messageDelta.ts'
import { type Run, RunSchema } from './run.ts'
import { type RunStep, RunStepSchema } from './runStep.ts'
import { type RunStepDelta, RunStepDeltaSchema } from './runStepDelta.ts'
import { type Thread, ThreadSchema } from './thread.ts'

/** The `data` type of each of the 25 wire event names (wire/events.md section 2). */
export interface StreamEventDataMap {
  'thread.created': Thread
  'thread.run.created': Run
  'thread.run.queued': Run
  'thread.run.in_progress': Run
  'thread.run.requires_action': Run
  'thread.run.completed': Run
  'thread.run.incomplete': Run
  'thread.run.failed': Run
  'thread.run.cancelling': Run
  'thread.run.cancelled': Run
  'thread.run.expired': Run
  'thread.run.step.created': RunStep
  'thread.run.step.in_progress': RunStep
  'thread.run.step.delta': RunStepDelta
  'thread.run.step.completed': RunStep
  'thread.run.step.failed': RunStep
  'thread.run.step.cancelled': RunStep
  'thread.run.step.expired': RunStep
  'thread.message.created': Message
  'thread.message.in_progress': Message
  'thread.message.delta': MessageDelta
  'thread.message.completed': Message
  'thread.message.incomplete': Message
  error: WireError
  done: '[DONE]'
}

/** One of the 25 event names of the wire, verbatim. */
export type StreamEventName = keyof StreamEventDataMap

/** A known event: `{ event: '<name>', data: <its type> }`, discriminated on `event`. */
export type KnownStreamEvent = {
  [TName in StreamEventName]: { event: TName; data: StreamEventDataMap[TName] }
}[StreamEventName]

/**
 * An event whose name Skein does not know (the spec may add events; an SSE message without `event:` lands here too).
 * `data` is the parsed JSON, or the raw text when it is not JSON.
 */
export interface UnknownStreamEvent {
  event: string
  data: unknown
  unknown: true
}

/**
 * Everything a stream yields. Test `'unknown' in event` first: the known members then narrow on `event.event`.
 *
 * @example
 * ```ts
 * for await (const event of parseEventStream(body)) {
 *   if ('unknown' in event) continue
 *   if (event.event === 'thread.message.delta') render(event.data.delta)
 * }
 * ```
 */
export type AssistantStreamEvent = KnownStreamEvent | UnknownStreamEvent

/** Every known event name, in the order of wire/events.md section 2. */
export const STREAM_EVENT_NAMES: readonly StreamEventName[] = [
  'thread.created',
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelling',
  'thread.run.cancelled',
  'thread.run.expired',
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.delta',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.message.incomplete',
  'error',
  'done',
]

/**
 * How much of each stream event is checked.
 * - `strict`: the full schema of every event; a mismatch is an `invalid_event` error.
 * - `lenient` (default): only what the reducer reads (ids, statuses, appended delta fields, indices).
 * - `off`: nothing but the JSON syntax.
 */
export type Validation = 'strict' | 'lenient' | 'off'

/**
 * The full schema of each event's data, for `validation: 'strict'`. `done` (not JSON) and `error` (always turned into
 * a `stream_error`, whatever its shape) have none.
 */
export const EVENT_DATA_SCHEMAS: Readonly<Record<Exclude<StreamEventName, 'done' | 'error'>, v.GenericSchema>> = {
  'thread.created': ThreadSchema,
  'thread.run.created': RunSchema,
  'thread.run.queued': RunSchema,
  'thread.run.in_progress': RunSchema,
  'thread.run.requires_action': RunSchema,
  'thread.run.completed': RunSchema,
  'thread.run.incomplete': RunSchema,
  'thread.run.failed': RunSchema,
  'thread.run.cancelling': RunSchema,
  'thread.run.cancelled': RunSchema,
  'thread.run.expired': RunSchema,
  'thread.run.step.created': RunStepSchema,
  'thread.run.step.in_progress': RunStepSchema,
  'thread.run.step.delta': RunStepDeltaSchema,
  'thread.run.step.completed': RunStepSchema,
  'thread.run.step.failed': RunStepSchema,
  'thread.run.step.cancelled': RunStepSchema,
  'thread.run.step.expired': RunStepSchema,
  'thread.message.created': MessageSchema,
  'thread.message.in_progress': MessageSchema,
  'thread.message.delta': MessageDeltaSchema,
  'thread.message.completed': MessageSchema,
  'thread.message.incomplete': MessageSchema,
}
