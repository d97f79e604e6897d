import type * as v from 'valibot'
import { AssistantSchema } from './assistant.ts'
import { DeletedSchema } from './common.ts'
import type { StreamEventName } from './event.ts'
import { MessageSchema } from './message.ts'
import { MessageDeltaSchema } from './messageDelta.ts'
import { RunSchema } from './run.ts'
import { RunStepSchema } from './runStep.ts'
import { RunStepDeltaSchema } from './runStepDelta.ts'
import { ThreadSchema } from './thread.ts'
import type { ResponseSchemaName } from './validation.ts'

/**
 * The full schema of each event's data, for strict validation. `done` (not JSON) and `error` (always turned into a
 * `stream_error`, whatever its shape) have none.
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

/** The schema behind each {@link ResponseSchemaName} the client's resources ask for. */
export const RESPONSE_SCHEMAS: Readonly<Record<ResponseSchemaName, v.GenericSchema>> = {
  thread: ThreadSchema,
  run: RunSchema,
  message: MessageSchema,
  step: RunStepSchema,
  assistant: AssistantSchema,
  deleted: DeletedSchema,
}
