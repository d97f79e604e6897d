import * as v from 'valibot'
import { type AnnotationDelta, AnnotationDeltaSchema } from './annotation.ts'
import type { ImageDetail } from './message.ts'

/** A streamed text part: `value` is appended to the part at `index`; `annotations` are placed by their own `index`. */
export interface TextDeltaContent {
  [key: string]: unknown
  index: number
  type: 'text'
  text?: { [key: string]: unknown; value?: string | undefined; annotations?: AnnotationDelta[] | undefined } | undefined
}

/** A streamed image file part. */
export interface ImageFileDeltaContent {
  [key: string]: unknown
  index: number
  type: 'image_file'
  image_file?: { [key: string]: unknown; file_id?: string | undefined; detail?: ImageDetail | undefined } | undefined
}

/** A streamed image URL part. */
export interface ImageUrlDeltaContent {
  [key: string]: unknown
  index: number
  type: 'image_url'
  image_url?: { [key: string]: unknown; url?: string | undefined; detail?: ImageDetail | undefined } | undefined
}

/** A streamed refusal part; `refusal` is appended. */
export interface RefusalDeltaContent {
  [key: string]: unknown
  index: number
  type: 'refusal'
  refusal?: string | undefined
}

/** One entry of `delta.content`. */
export type MessageDeltaContent = TextDeltaContent | ImageFileDeltaContent | ImageUrlDeltaContent | RefusalDeltaContent

/** The data of `thread.message.delta`. */
export interface MessageDelta {
  [key: string]: unknown
  id: string
  object: 'thread.message.delta'
  delta: {
    [key: string]: unknown
    role?: 'user' | 'assistant' | undefined
    content?: MessageDeltaContent[] | undefined
  }
}

const detail = v.optional(v.picklist(['auto', 'low', 'high']))

/** Schema for {@link MessageDeltaContent}. */
export const MessageDeltaContentSchema: v.GenericSchema<unknown, MessageDeltaContent> = v.variant('type', [
  v.looseObject({
    index: v.number(),
    type: v.literal('text'),
    text: v.optional(
      v.looseObject({ value: v.optional(v.string()), annotations: v.optional(v.array(AnnotationDeltaSchema)) }),
    ),
  }),
  v.looseObject({
    index: v.number(),
    type: v.literal('image_file'),
    image_file: v.optional(v.looseObject({ file_id: v.optional(v.string()), detail })),
  }),
  v.looseObject({
    index: v.number(),
    type: v.literal('image_url'),
    image_url: v.optional(v.looseObject({ url: v.optional(v.string()), detail })),
  }),
  v.looseObject({ index: v.number(), type: v.literal('refusal'), refusal: v.optional(v.string()) }),
])

/** Schema for {@link MessageDelta}. */
export const MessageDeltaSchema: v.GenericSchema<unknown, MessageDelta> = v.looseObject({
  id: v.string(),
  object: v.literal('thread.message.delta'),
  delta: v.looseObject({
    role: v.optional(v.picklist(['user', 'assistant'])),
    content: v.optional(v.array(MessageDeltaContentSchema)),
  }),
})
