import * as v from 'valibot'
import { type Metadata, MetadataSchema, type ToolResources, ToolResourcesSchema } from './common.ts'

/** A conversation: the data of `thread.created` and of the `/threads` routes. */
export interface Thread {
  [key: string]: unknown
  id: string
  object: 'thread'
  created_at: number
  metadata: Metadata | null
  tool_resources?: ToolResources | null | undefined
}

/** Schema for {@link Thread}. `tool_resources` is optional: some compatible servers omit it. */
export const ThreadSchema: v.GenericSchema<unknown, Thread> = v.looseObject({
  id: v.string(),
  object: v.literal('thread'),
  created_at: v.number(),
  metadata: v.nullable(MetadataSchema),
  tool_resources: v.nullish(ToolResourcesSchema),
})
