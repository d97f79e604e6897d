// Request bodies and queries of the REST routes (wire/rest.md section 4), in wire spelling. Where a response type of
// ../schemas already describes a value (tools, tool_choice, response_format, ...), the request reuses it.
import type {
  AssistantTool,
  ImageDetail,
  Metadata,
  ResponseFormat,
  ToolChoice,
  ToolResources,
  TruncationStrategy,
} from '../schemas/index.ts'

/** A part of a message being created. Request text parts are plain strings, unlike the `{ value, annotations }` answer. */
export type MessageContentPartParam =
  | { type: 'text'; text: string }
  | { type: 'image_file'; image_file: { file_id: string; detail?: ImageDetail | undefined } }
  | { type: 'image_url'; image_url: { url: string; detail?: ImageDetail | undefined } }

/** A file attached to a new message and the tools that may read it. */
export interface MessageAttachmentParam {
  file_id: string
  tools?: readonly ({ type: 'code_interpreter' } | { type: 'file_search' })[] | undefined
}

/** Body of `POST /threads/{thread_id}/messages`, and of each message in `messages` / `additional_messages`. */
export interface MessageCreateParams {
  /** The wire knows only these two; custom roles are encoded by the role codec. */
  role: 'user' | 'assistant'
  content: string | readonly MessageContentPartParam[]
  attachments?: readonly MessageAttachmentParam[] | null | undefined
  metadata?: Metadata | null | undefined
}

/** Body of `POST /threads/{thread_id}/messages/{message_id}`. */
export interface MessageUpdateParams {
  metadata?: Metadata | null | undefined
}

/** Body of `POST /threads`. */
export interface ThreadCreateParams {
  messages?: readonly MessageCreateParams[] | undefined
  tool_resources?: ToolResources | null | undefined
  metadata?: Metadata | null | undefined
}

/** Body of `POST /threads/{thread_id}`. */
export interface ThreadUpdateParams {
  tool_resources?: ToolResources | null | undefined
  metadata?: Metadata | null | undefined
}

/** Fields a run accepts both when created on a thread and with `threads.createAndRun`. */
export interface RunOverrideParams {
  assistant_id: string
  model?: string | null | undefined
  instructions?: string | null | undefined
  tools?: readonly AssistantTool[] | null | undefined
  /** OpenAI accepts this on `createAndRun` only; Azure also on run creation. */
  tool_resources?: ToolResources | null | undefined
  metadata?: Metadata | null | undefined
  temperature?: number | null | undefined
  top_p?: number | null | undefined
  max_prompt_tokens?: number | null | undefined
  max_completion_tokens?: number | null | undefined
  truncation_strategy?: TruncationStrategy | null | undefined
  tool_choice?: ToolChoice | null | undefined
  parallel_tool_calls?: boolean | undefined
  response_format?: ResponseFormat | null | undefined
}

/** Body of `POST /threads/{thread_id}/runs` (without `stream`: use `runs.stream` for that). */
export interface RunCreateParams extends RunOverrideParams {
  additional_instructions?: string | null | undefined
  additional_messages?: readonly MessageCreateParams[] | null | undefined
  reasoning_effort?: string | null | undefined
}

/** Body of `POST /threads/runs`: a new thread and its first run. */
export interface ThreadCreateAndRunParams extends RunOverrideParams {
  thread?: ThreadCreateParams | undefined
}

/** Body of `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`. */
export interface SubmitToolOutputsParams {
  tool_outputs: readonly { tool_call_id: string; output: string }[]
}

/** Body of `POST /assistants`. */
export interface AssistantCreateParams {
  model: string
  name?: string | null | undefined
  description?: string | null | undefined
  instructions?: string | null | undefined
  reasoning_effort?: string | null | undefined
  tools?: readonly AssistantTool[] | undefined
  tool_resources?: ToolResources | null | undefined
  metadata?: Metadata | null | undefined
  temperature?: number | null | undefined
  top_p?: number | null | undefined
  response_format?: ResponseFormat | null | undefined
}

/** Body of `POST /assistants/{assistant_id}`: every field optional. */
export type AssistantUpdateParams = Partial<AssistantCreateParams>

/** The cursor query of every list route. */
export interface ListQuery {
  /** 1 to 100; the server default is 20. */
  limit?: number | undefined
  /** By `created_at`; the server default is `desc`. */
  order?: 'asc' | 'desc' | undefined
  /** An object id: items after it in `order`. Set by the iterator for every page after the first. */
  after?: string | undefined
  /** An object id: items before it in `order`. */
  before?: string | undefined
}

/** Query of `GET /threads/{thread_id}/messages`. */
export interface MessageListQuery extends ListQuery {
  /** Only the messages that this run created. */
  run_id?: string | undefined
}

/**
 * `include[]` of the run and step routes; the one documented value is
 * `'step_details.tool_calls[*].file_search.results[*].content'`.
 */
export interface IncludeQuery {
  include?: readonly string[] | undefined
}

/** Query of `GET /threads/{thread_id}/runs/{run_id}/steps`. */
export interface RunStepListQuery extends ListQuery, IncludeQuery {}
