import * as v from 'valibot'
import { type Annotation, AnnotationSchema } from './annotation.ts'
import { type Metadata, MetadataSchema } from './common.ts'

/** Image detail level. */
export type ImageDetail = 'auto' | 'low' | 'high'

/** `{ type: 'text', text: { value, annotations } }` */
export interface TextContent {
  [key: string]: unknown
  type: 'text'
  text: { [key: string]: unknown; value: string; annotations: Annotation[] }
}

/** `{ type: 'image_file', image_file: { file_id, detail? } }` */
export interface ImageFileContent {
  [key: string]: unknown
  type: 'image_file'
  image_file: { [key: string]: unknown; file_id: string; detail?: ImageDetail | undefined }
}

/** `{ type: 'image_url', image_url: { url, detail? } }` */
export interface ImageUrlContent {
  [key: string]: unknown
  type: 'image_url'
  image_url: { [key: string]: unknown; url: string; detail?: ImageDetail | undefined }
}

/** `{ type: 'refusal', refusal }` */
export interface RefusalContent {
  [key: string]: unknown
  type: 'refusal'
  refusal: string
}

/** One part of a message's `content`. */
export type MessageContent = TextContent | ImageFileContent | ImageUrlContent | RefusalContent

const detail = v.optional(v.picklist(['auto', 'low', 'high']))

/** Schema for {@link MessageContent}. */
export const MessageContentSchema: v.GenericSchema<unknown, MessageContent> = v.variant('type', [
  v.looseObject({
    type: v.literal('text'),
    text: v.looseObject({ value: v.string(), annotations: v.array(AnnotationSchema) }),
  }),
  v.looseObject({ type: v.literal('image_file'), image_file: v.looseObject({ file_id: v.string(), detail }) }),
  v.looseObject({ type: v.literal('image_url'), image_url: v.looseObject({ url: v.string(), detail }) }),
  v.looseObject({ type: v.literal('refusal'), refusal: v.string() }),
])

/** A file attached to a message, and the tools that may read it. */
export interface Attachment {
  [key: string]: unknown
  file_id?: string | undefined
  tools?: { [key: string]: unknown; type: string }[] | undefined
}

/** The lifecycle of a message. */
export type MessageStatus = 'in_progress' | 'incomplete' | 'completed'

/**
 * A message of a thread. Streamed messages carry `status`, `incomplete_details`, `completed_at` and `incomplete_at`;
 * REST responses omit them (wire/rest.md section 6), so they are optional.
 */
export interface Message {
  [key: string]: unknown
  id: string
  object: 'thread.message'
  created_at: number
  thread_id: string
  role: 'user' | 'assistant'
  content: MessageContent[]
  status?: MessageStatus | undefined
  incomplete_details?: { [key: string]: unknown; reason?: string | undefined } | null | undefined
  completed_at?: number | null | undefined
  incomplete_at?: number | null | undefined
  assistant_id?: string | null | undefined
  run_id?: string | null | undefined
  attachments?: Attachment[] | null | undefined
  metadata?: Metadata | null | undefined
}

/** Schema for {@link Message}. */
export const MessageSchema: v.GenericSchema<unknown, Message> = v.looseObject({
  id: v.string(),
  object: v.literal('thread.message'),
  created_at: v.number(),
  thread_id: v.string(),
  role: v.picklist(['user', 'assistant']),
  content: v.array(MessageContentSchema),
  status: v.optional(v.picklist(['in_progress', 'incomplete', 'completed'])),
  incomplete_details: v.nullish(v.looseObject({ reason: v.optional(v.string()) })),
  completed_at: v.nullish(v.number()),
  incomplete_at: v.nullish(v.number()),
  assistant_id: v.nullish(v.string()),
  run_id: v.nullish(v.string()),
  attachments: v.nullish(
    v.array(
      v.looseObject({
        file_id: v.optional(v.string()),
        tools: v.optional(v.array(v.looseObject({ type: v.string() }))),
      }),
    ),
  ),
  metadata: v.nullish(MetadataSchema),
})
