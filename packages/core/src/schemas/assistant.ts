import * as v from 'valibot'
import { type Metadata, MetadataSchema, type ToolResources, ToolResourcesSchema } from './common.ts'
import { type ResponseFormat, ResponseFormatSchema } from './run.ts'
import { type AssistantTool, AssistantToolSchema } from './tool.ts'

/** An assistant (Azure: an agent; the wire still says `assistant`). */
export interface Assistant {
  [key: string]: unknown
  id: string
  object: 'assistant'
  created_at: number
  name: string | null
  description?: string | null | undefined
  model: string
  instructions: string | null
  tools: AssistantTool[]
  tool_resources?: ToolResources | null | undefined
  metadata: Metadata | null
  temperature?: number | null | undefined
  top_p?: number | null | undefined
  response_format?: ResponseFormat | null | undefined
  reasoning_effort?: string | null | undefined
}

/** Schema for {@link Assistant}. */
export const AssistantSchema: v.GenericSchema<unknown, Assistant> = v.looseObject({
  id: v.string(),
  object: v.literal('assistant'),
  created_at: v.number(),
  name: v.nullable(v.string()),
  description: v.nullish(v.string()),
  model: v.string(),
  instructions: v.nullable(v.string()),
  tools: v.array(AssistantToolSchema),
  tool_resources: v.nullish(ToolResourcesSchema),
  metadata: v.nullable(MetadataSchema),
  temperature: v.nullish(v.number()),
  top_p: v.nullish(v.number()),
  response_format: v.nullish(ResponseFormatSchema),
  reasoning_effort: v.nullish(v.string()),
})
