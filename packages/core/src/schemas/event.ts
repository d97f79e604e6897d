// Types and event names only, no valibot: the stream reads STREAM_EVENT_NAMES at runtime, while the schemas are reached
// through `@skein/core/strict` alone (strictSchemas.ts).
import type { WireError } from './common.ts'
import type { Message } from './message.ts'
import type { MessageDelta } from './messageDelta.ts'
import type { Run } from './run.ts'
import type { RunStep } from './runStep.ts'
import type { RunStepDelta } from './runStepDelta.ts'
import type { Thread } from './thread.ts'

export type { Validation } from './validation.ts'

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

/**
 * Every known event name, in the order of wire/events.md section 2. Built from the words of each scope (the 25 names
 * spelled out were the largest string table of the stream code). They are read back as object keys, which V8 interns:
 * a parsed event carries the very string the reducer compares with, and the comparison is a pointer compare.
 */
export const STREAM_EVENT_NAMES: readonly StreamEventName[] = /* @__PURE__ */ eventNames()

function eventNames(): StreamEventName[] {
  const names: Record<string, 0> = {}
  for (const scope of [
    ' created',
    'run. created queued in_progress requires_action completed incomplete failed cancelling cancelled expired',
    'run.step. created in_progress delta completed failed cancelled expired',
    'message. created in_progress delta completed incomplete',
  ]) {
    const [prefix, ...lasts] = scope.split(' ')
    for (const last of lasts) names[`thread.${prefix}${last}`] = 0
  }
  names.error = names.done = 0
  return Object.keys(names) as StreamEventName[]
}
