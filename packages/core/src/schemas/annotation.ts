import * as v from 'valibot'

/** A citation of a file the model searched (`file_search`). `quote` arrives only while streaming (as `""`) and on Azure. */
export interface FileCitationAnnotation {
  [key: string]: unknown
  type: 'file_citation'
  text: string
  file_citation: { [key: string]: unknown; file_id: string; quote?: string | undefined }
  start_index: number
  end_index: number
}

/** A link to a file the code interpreter wrote. */
export interface FilePathAnnotation {
  [key: string]: unknown
  type: 'file_path'
  text: string
  file_path: { [key: string]: unknown; file_id: string }
  start_index: number
  end_index: number
}

/** A web citation (Azure only, from Bing grounding). */
export interface UrlCitationAnnotation {
  [key: string]: unknown
  type: 'url_citation'
  text: string
  url_citation: { [key: string]: unknown; url: string; title?: string | null | undefined }
  start_index: number
  end_index: number
}

/**
 * An annotation of a text part. While a message streams, the snapshot's annotations are built from the deltas (placed
 * at the delta's `index`, which is not kept; a streamed citation keeps its `quote: ""`) until
 * `thread.message.completed` replaces them with the server's.
 */
export type Annotation = FileCitationAnnotation | FilePathAnnotation | UrlCitationAnnotation

/** Schema for {@link Annotation}. */
export const AnnotationSchema: v.GenericSchema<unknown, Annotation> = v.variant('type', [
  v.looseObject({
    type: v.literal('file_citation'),
    text: v.string(),
    file_citation: v.looseObject({ file_id: v.string(), quote: v.optional(v.string()) }),
    start_index: v.number(),
    end_index: v.number(),
  }),
  v.looseObject({
    type: v.literal('file_path'),
    text: v.string(),
    file_path: v.looseObject({ file_id: v.string() }),
    start_index: v.number(),
    end_index: v.number(),
  }),
  v.looseObject({
    type: v.literal('url_citation'),
    text: v.string(),
    url_citation: v.looseObject({ url: v.string(), title: v.nullish(v.string()) }),
    start_index: v.number(),
    end_index: v.number(),
  }),
])

/** One streamed annotation part; `index` is its position in the text part's `annotations`. Every other field is optional. */
export interface AnnotationDelta {
  [key: string]: unknown
  index: number
  type: Annotation['type']
  text?: string | undefined
  start_index?: number | undefined
  end_index?: number | undefined
  file_citation?: { [key: string]: unknown; file_id?: string | undefined; quote?: string | undefined } | undefined
  file_path?: { [key: string]: unknown; file_id?: string | undefined } | undefined
  url_citation?: { [key: string]: unknown; url?: string | undefined; title?: string | null | undefined } | undefined
}

const deltaEntries = {
  index: v.number(),
  text: v.optional(v.string()),
  start_index: v.optional(v.number()),
  end_index: v.optional(v.number()),
}

/** Schema for {@link AnnotationDelta}. */
export const AnnotationDeltaSchema: v.GenericSchema<unknown, AnnotationDelta> = v.variant('type', [
  v.looseObject({
    ...deltaEntries,
    type: v.literal('file_citation'),
    file_citation: v.optional(v.looseObject({ file_id: v.optional(v.string()), quote: v.optional(v.string()) })),
  }),
  v.looseObject({
    ...deltaEntries,
    type: v.literal('file_path'),
    file_path: v.optional(v.looseObject({ file_id: v.optional(v.string()) })),
  }),
  v.looseObject({
    ...deltaEntries,
    type: v.literal('url_citation'),
    url_citation: v.optional(v.looseObject({ url: v.optional(v.string()), title: v.nullish(v.string()) })),
  }),
])
