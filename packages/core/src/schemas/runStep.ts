import * as v from 'valibot'
import { type LastError, LastErrorSchema, type Metadata, MetadataSchema, type Usage, UsageSchema } from './common.ts'
import { type ToolCall, ToolCallSchema } from './toolCall.ts'

/** The lifecycle of a run step. */
export type RunStepStatus = 'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired'

/** `{ type: 'message_creation', message_creation: { message_id } }`: the step wrote a message. */
export interface MessageCreationStepDetails {
  [key: string]: unknown
  type: 'message_creation'
  message_creation: { [key: string]: unknown; message_id: string }
}

/** `{ type: 'tool_calls', tool_calls }`: the step called tools. */
export interface ToolCallsStepDetails {
  [key: string]: unknown
  type: 'tool_calls'
  tool_calls: ToolCall[]
}

/** An Azure preview step (`activities`), kept as it arrives. */
export interface ActivitiesStepDetails {
  [key: string]: unknown
  type: 'activities'
}

/** What a run step did. */
export type StepDetails = MessageCreationStepDetails | ToolCallsStepDetails | ActivitiesStepDetails

/**
 * A run step: the data of `thread.run.step.*` (except `.delta`). Real traffic carries `expires_at` and no `metadata`
 * while the spec says `expired_at` and `metadata`; both spellings are accepted and all three are optional.
 */
export interface RunStep {
  [key: string]: unknown
  id: string
  object: 'thread.run.step'
  created_at: number
  run_id: string
  assistant_id: string
  thread_id: string
  type: StepDetails['type']
  status: RunStepStatus
  step_details: StepDetails
  last_error: LastError | null
  cancelled_at: number | null
  completed_at: number | null
  failed_at: number | null
  expires_at?: number | null | undefined
  expired_at?: number | null | undefined
  metadata?: Metadata | null | undefined
  usage?: Usage | null | undefined
}

/** Schema for {@link StepDetails}. */
export const StepDetailsSchema: v.GenericSchema<unknown, StepDetails> = v.variant('type', [
  v.looseObject({ type: v.literal('message_creation'), message_creation: v.looseObject({ message_id: v.string() }) }),
  v.looseObject({ type: v.literal('tool_calls'), tool_calls: v.array(ToolCallSchema) }),
  v.looseObject({ type: v.literal('activities') }),
])

/** Schema for {@link RunStep}. */
export const RunStepSchema: v.GenericSchema<unknown, RunStep> = v.looseObject({
  id: v.string(),
  object: v.literal('thread.run.step'),
  created_at: v.number(),
  run_id: v.string(),
  assistant_id: v.string(),
  thread_id: v.string(),
  type: v.picklist(['message_creation', 'tool_calls', 'activities']),
  status: v.picklist(['in_progress', 'cancelled', 'failed', 'completed', 'expired']),
  step_details: StepDetailsSchema,
  last_error: v.nullable(LastErrorSchema),
  cancelled_at: v.nullable(v.number()),
  completed_at: v.nullable(v.number()),
  failed_at: v.nullable(v.number()),
  expires_at: v.nullish(v.number()),
  expired_at: v.nullish(v.number()),
  metadata: v.nullish(MetadataSchema),
  usage: v.nullish(UsageSchema),
})
