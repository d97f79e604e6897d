import * as v from 'valibot'

/**
 * Up to 16 string pairs attached to a wire object (keys up to 64 characters, values up to 512).
 * Keys such as `__proto__` are dropped by the schema, never written onto a prototype.
 */
export type Metadata = Record<string, string>

/** Schema for {@link Metadata}. */
export const MetadataSchema: v.GenericSchema<unknown, Metadata> = v.record(v.string(), v.string())

/**
 * The wire error object `{ message, type, param, code }`. OpenAI sends all four; Azure declares every field optional and
 * nullable, so all are optional here. Unknown fields are kept.
 */
export interface WireError {
  [key: string]: unknown
  message?: string | null | undefined
  type?: string | null | undefined
  param?: string | null | undefined
  code?: string | null | undefined
}

/** Schema for {@link WireError}: the body of an `error` stream event, or the `error` member of an HTTP error body. */
export const ErrorBodySchema: v.GenericSchema<unknown, WireError> = v.looseObject({
  message: v.nullish(v.string()),
  type: v.nullish(v.string()),
  param: v.nullish(v.string()),
  code: v.nullish(v.string()),
})

/**
 * A page of a list endpoint. Azure declares only `data`, `last_id` and `has_more`; OpenAI adds `object` and `first_id`
 * (both ids are `null` on an empty page).
 */
export interface ListResponse<TItem> {
  object?: 'list' | undefined
  data: TItem[]
  first_id?: string | null | undefined
  last_id?: string | null | undefined
  has_more: boolean
}

/** The answer of a `DELETE` route, e.g. `{ id: 'thread_x', object: 'thread.deleted', deleted: true }`. */
export interface Deleted {
  [key: string]: unknown
  id: string
  object: string
  deleted: boolean
}

/** Schema for {@link Deleted}. */
export const DeletedSchema: v.GenericSchema<unknown, Deleted> = v.looseObject({
  id: v.string(),
  object: v.string(),
  deleted: v.boolean(),
})

/**
 * Token counts of a run or a run step. Real 2025 traffic adds two undocumented detail objects; note the singular
 * `prompt_token_details` (the plural spelling is accepted too).
 */
export interface Usage {
  [key: string]: unknown
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_token_details?: { [key: string]: unknown; cached_tokens?: number | undefined } | null | undefined
  prompt_tokens_details?: { [key: string]: unknown; cached_tokens?: number | undefined } | null | undefined
  completion_tokens_details?: { [key: string]: unknown; reasoning_tokens?: number | undefined } | null | undefined
}

const PromptDetailsSchema = v.looseObject({ cached_tokens: v.optional(v.number()) })

/** Schema for {@link Usage}. */
export const UsageSchema: v.GenericSchema<unknown, Usage> = v.looseObject({
  prompt_tokens: v.number(),
  completion_tokens: v.number(),
  total_tokens: v.number(),
  prompt_token_details: v.nullish(PromptDetailsSchema),
  prompt_tokens_details: v.nullish(PromptDetailsSchema),
  completion_tokens_details: v.nullish(v.looseObject({ reasoning_tokens: v.optional(v.number()) })),
})

/** The error of a failed run or run step: `{ code, message }` (`server_error`, `rate_limit_exceeded`, ...). */
export interface LastError {
  [key: string]: unknown
  code: string
  message: string
}

/** Schema for {@link LastError}. The code is any string: servers add codes (`invalid_prompt`) over time. */
export const LastErrorSchema: v.GenericSchema<unknown, LastError> = v.looseObject({
  code: v.string(),
  message: v.string(),
})

/** Files made available to tools, on threads, runs and assistants. */
export interface ToolResources {
  [key: string]: unknown
  code_interpreter?: { [key: string]: unknown; file_ids?: string[] | undefined } | null | undefined
  file_search?: { [key: string]: unknown; vector_store_ids?: string[] | undefined } | null | undefined
}

/** Schema for {@link ToolResources}. */
export const ToolResourcesSchema: v.GenericSchema<unknown, ToolResources> = v.looseObject({
  code_interpreter: v.nullish(v.looseObject({ file_ids: v.optional(v.array(v.string())) })),
  file_search: v.nullish(v.looseObject({ vector_store_ids: v.optional(v.array(v.string())) })),
})
