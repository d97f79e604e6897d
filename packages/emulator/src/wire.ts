// The wire objects the emulator stores and serves, typed after the real recordings (wire/events.md §3, wire/rest.md §6).
// Field order in the builders follows the recordings, so responses look byte-for-byte like real traffic.

/** Up to 16 string pairs (keys ≤ 64, values ≤ 512 characters). */
export type Metadata = Record<string, string>

/** Token counts of a run or step, with the two detail objects the 2025 API sends. */
export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_token_details: { cached_tokens: number }
  completion_tokens_details: { reasoning_tokens: number }
}

/** A function the model may call. */
export interface FunctionDefinition {
  name: string
  description?: string
  parameters?: Record<string, unknown>
  strict?: boolean | null
}

/** A tool of an assistant or run. */
export type AssistantTool =
  | { type: 'code_interpreter' }
  | { type: 'file_search'; file_search?: Record<string, unknown> }
  | { type: 'function'; function: FunctionDefinition }

/** `{ code_interpreter?: { file_ids }, file_search?: { vector_store_ids } }`, kept as sent. */
export type ToolResources = Record<string, unknown>

/** A citation of a file, in its completed form. */
export interface FileCitationAnnotation {
  type: 'file_citation'
  text: string
  start_index: number
  end_index: number
  file_citation: { file_id: string }
}

/** One part of a message's content. */
export type MessageContent =
  | { type: 'text'; text: { value: string; annotations: FileCitationAnnotation[] } }
  | { type: 'image_file'; image_file: { file_id: string; detail?: string } }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: 'refusal'; refusal: string }

/** A file attached to a message. */
export interface Attachment {
  file_id: string
  tools: { type: string }[]
}

/** `thread.message`, in its streamed shape (REST responses leave out the four status fields). */
export interface Message {
  id: string
  object: 'thread.message'
  created_at: number
  assistant_id: string | null
  thread_id: string
  run_id: string | null
  status: 'in_progress' | 'incomplete' | 'completed'
  incomplete_details: { reason: string } | null
  incomplete_at: number | null
  completed_at: number | null
  role: 'user' | 'assistant'
  content: MessageContent[]
  attachments: Attachment[]
  metadata: Metadata
}

/** `thread`. */
export interface Thread {
  id: string
  object: 'thread'
  created_at: number
  metadata: Metadata
  tool_resources: ToolResources
}

/** `assistant`. */
export interface Assistant {
  id: string
  object: 'assistant'
  created_at: number
  name: string | null
  description: string | null
  model: string
  instructions: string | null
  tools: AssistantTool[]
  top_p: number | null
  temperature: number | null
  reasoning_effort: string | null
  tool_resources: ToolResources
  metadata: Metadata
  response_format: unknown
}

/** Every status a run can have. */
export type RunStatus =
  | 'queued'
  | 'in_progress'
  | 'requires_action'
  | 'cancelling'
  | 'cancelled'
  | 'failed'
  | 'completed'
  | 'incomplete'
  | 'expired'

/** A function call the client must answer, as listed in `required_action`. */
export interface RequiredToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

/** `thread.run`, with the two fields the real API adds to the spec (`tool_resources`, `reasoning_effort`). */
export interface Run {
  id: string
  object: 'thread.run'
  created_at: number
  assistant_id: string
  thread_id: string
  status: RunStatus
  started_at: number | null
  expires_at: number | null
  cancelled_at: number | null
  failed_at: number | null
  completed_at: number | null
  required_action: { type: 'submit_tool_outputs'; submit_tool_outputs: { tool_calls: RequiredToolCall[] } } | null
  last_error: { code: string; message: string } | null
  model: string
  instructions: string | null
  tools: AssistantTool[]
  tool_resources: ToolResources
  metadata: Metadata
  temperature: number | null
  top_p: number | null
  reasoning_effort: string | null
  max_completion_tokens: number | null
  max_prompt_tokens: number | null
  truncation_strategy: unknown
  incomplete_details: { reason: string } | null
  usage: Usage | null
  response_format: unknown
  tool_choice: unknown
  parallel_tool_calls: boolean
}

/** One file_search hit; `content` is only served when `include[]` asks for it. */
export interface FileSearchResult {
  file_id: string
  file_name: string
  score: number
  attributes: Record<string, unknown>
  content?: { type: 'text'; text: string }[]
}

/** A tool call inside a `tool_calls` step. */
export type StepToolCall =
  | { id: string; type: 'function'; function: { name: string; arguments: string; output: string | null } }
  | {
      id: string
      type: 'file_search'
      file_search: { ranking_options: { ranker: string; score_threshold: number }; results: FileSearchResult[] }
    }

/** `thread.run.step`: `expires_at` and no `metadata`, as on the real wire. */
export interface RunStep {
  id: string
  object: 'thread.run.step'
  created_at: number
  run_id: string
  assistant_id: string
  thread_id: string
  type: 'message_creation' | 'tool_calls'
  status: 'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired'
  cancelled_at: number | null
  completed_at: number | null
  expires_at: number | null
  failed_at: number | null
  last_error: { code: string; message: string } | null
  step_details:
    | { type: 'message_creation'; message_creation: { message_id: string } }
    | { type: 'tool_calls'; tool_calls: StepToolCall[] }
  usage: Usage | null
}

/** One server-sent event, its data already serialized (a snapshot taken when it was emitted). */
export interface StreamEvent {
  event: string
  data: string
}
