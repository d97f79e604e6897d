import * as v from 'valibot'
import {
  type LastError,
  LastErrorSchema,
  type Metadata,
  MetadataSchema,
  type ToolResources,
  ToolResourcesSchema,
  type Usage,
  UsageSchema,
} from './common.ts'
import { RUN_STATUSES, type RunStatus } from './runStatus.ts'
import { type AssistantTool, AssistantToolSchema } from './tool.ts'

/** A function call the run waits for (in `required_action.submit_tool_outputs.tool_calls`). */
export interface RunToolCall {
  [key: string]: unknown
  id: string
  type: 'function'
  function: { [key: string]: unknown; name: string; arguments: string }
}

/**
 * What a `requires_action` run waits for. OpenAI only sends `submit_tool_outputs`; Azure previews add
 * `submit_tool_approval` (MCP approvals), whose calls are kept as they arrive.
 */
export interface RequiredAction {
  [key: string]: unknown
  type: 'submit_tool_outputs' | 'submit_tool_approval'
  submit_tool_outputs?: { [key: string]: unknown; tool_calls: RunToolCall[] } | undefined
  submit_tool_approval?: { [key: string]: unknown; tool_calls: { [key: string]: unknown; id: string }[] } | undefined
}

/** How the thread is truncated for the model. */
export interface TruncationStrategy {
  [key: string]: unknown
  type: 'auto' | 'last_messages'
  last_messages?: number | null | undefined
}

/** Which tool the model must use: a mode, or a named tool. */
export type ToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { [key: string]: unknown; type: string; function?: { [key: string]: unknown; name: string } | undefined }

/** The output format: `auto` (Azure adds `none`), or `{ type: 'text' | 'json_object' | 'json_schema', ... }`. */
export type ResponseFormat =
  | 'auto'
  | 'none'
  | {
      [key: string]: unknown
      type: 'text' | 'json_object' | 'json_schema'
      json_schema?: { [key: string]: unknown; name: string } | undefined
    }

/**
 * A run: the data of every `thread.run.*` event and of the `/runs` routes. `instructions` is `null` on the wire when
 * unset; Azure omits `required_action` on runs without tool calls.
 */
export interface Run {
  [key: string]: unknown
  id: string
  object: 'thread.run'
  created_at: number
  thread_id: string
  assistant_id: string
  status: RunStatus
  required_action?: RequiredAction | null | undefined
  last_error: LastError | null
  expires_at: number | null
  started_at: number | null
  cancelled_at: number | null
  failed_at: number | null
  completed_at: number | null
  incomplete_details: { [key: string]: unknown; reason?: string | undefined } | null
  model: string
  instructions: string | null
  tools: AssistantTool[]
  metadata: Metadata | null
  usage: Usage | null
  temperature?: number | null | undefined
  top_p?: number | null | undefined
  max_prompt_tokens?: number | null | undefined
  max_completion_tokens?: number | null | undefined
  truncation_strategy?: TruncationStrategy | null | undefined
  tool_choice?: ToolChoice | null | undefined
  parallel_tool_calls?: boolean | undefined
  response_format?: ResponseFormat | null | undefined
  tool_resources?: ToolResources | null | undefined
  reasoning_effort?: string | null | undefined
}

/** Schema for {@link RunStatus}. */
export const RunStatusSchema: v.GenericSchema<unknown, RunStatus> = v.picklist(RUN_STATUSES)

const RunToolCallSchema = v.looseObject({
  id: v.string(),
  type: v.literal('function'),
  function: v.looseObject({ name: v.string(), arguments: v.string() }),
})

/** Schema for {@link RequiredAction}. */
export const RequiredActionSchema: v.GenericSchema<unknown, RequiredAction> = v.looseObject({
  type: v.picklist(['submit_tool_outputs', 'submit_tool_approval']),
  submit_tool_outputs: v.optional(v.looseObject({ tool_calls: v.array(RunToolCallSchema) })),
  submit_tool_approval: v.optional(v.looseObject({ tool_calls: v.array(v.looseObject({ id: v.string() })) })),
})

const ToolChoiceSchema = v.union([
  v.picklist(['none', 'auto', 'required']),
  v.looseObject({ type: v.string(), function: v.optional(v.looseObject({ name: v.string() })) }),
])

/** Schema for {@link ResponseFormat}. */
export const ResponseFormatSchema: v.GenericSchema<unknown, ResponseFormat> = v.union([
  v.picklist(['auto', 'none']),
  v.looseObject({
    type: v.picklist(['text', 'json_object', 'json_schema']),
    json_schema: v.optional(v.looseObject({ name: v.string() })),
  }),
])

const timestamp = v.nullable(v.number())

/** Schema for {@link Run}. */
export const RunSchema: v.GenericSchema<unknown, Run> = v.looseObject({
  id: v.string(),
  object: v.literal('thread.run'),
  created_at: v.number(),
  thread_id: v.string(),
  assistant_id: v.string(),
  status: RunStatusSchema,
  required_action: v.nullish(RequiredActionSchema),
  last_error: v.nullable(LastErrorSchema),
  expires_at: timestamp,
  started_at: timestamp,
  cancelled_at: timestamp,
  failed_at: timestamp,
  completed_at: timestamp,
  incomplete_details: v.nullable(v.looseObject({ reason: v.optional(v.string()) })),
  model: v.string(),
  instructions: v.nullable(v.string()),
  tools: v.array(AssistantToolSchema),
  metadata: v.nullable(MetadataSchema),
  usage: v.nullable(UsageSchema),
  temperature: v.nullish(v.number()),
  top_p: v.nullish(v.number()),
  max_prompt_tokens: v.nullish(v.number()),
  max_completion_tokens: v.nullish(v.number()),
  truncation_strategy: v.nullish(
    v.looseObject({ type: v.picklist(['auto', 'last_messages']), last_messages: v.nullish(v.number()) }),
  ),
  tool_choice: v.nullish(ToolChoiceSchema),
  parallel_tool_calls: v.optional(v.boolean()),
  response_format: v.nullish(ResponseFormatSchema),
  tool_resources: v.nullish(ToolResourcesSchema),
  reasoning_effort: v.nullish(v.string()),
})
