// The public API of @skein/core: explicit named exports only (no default exports, no `export *`).

export type { CacheRunStart } from './cache/beforeRun.ts'
// The response cache (cache/): replies keyed by a SHA-256 chain of the conversation, on unstorage.
export type { CachedHit, CachedReply } from './cache/cachedReply.ts'
export { CACHED_METADATA_KEY, cachedReplyMessage, isCachedMessage } from './cache/cachedReply.ts'
export type { CachedRun, CachedRunOptions } from './cache/cachedRun.ts'
export { cachedRun } from './cache/cachedRun.ts'
export { canonicalJson } from './cache/canonicalJson.ts'
export type {
  CacheCallOptions,
  CacheLookupOptions,
  CacheLookupResult,
  ResponseCache,
  ResponseCacheOptions,
} from './cache/createResponseCache.ts'
export { createResponseCache } from './cache/createResponseCache.ts'
export { chainHash, EMPTY_CONVERSATION_HASH, hashConversation } from './cache/hashConversation.ts'
export { keyedRunOptions, responseKey } from './cache/responseKey.ts'
export type { ChainSource } from './cache/syncThreadChain.ts'
export type { ThreadChain } from './cache/threadChain.ts'
export { CHAIN_METADATA_KEY, formatChain, parseChain } from './cache/threadChain.ts'
// The HTTP client (client/).
export type { AssistantsResource } from './client/assistants.ts'
export type { Client } from './client/createClient.ts'
export { createClient } from './client/createClient.ts'
export type { MessagesResource } from './client/messages.ts'
export type { ClientFlavor, ClientOptions, RequestOptions, StreamOptions } from './client/options.ts'
export type { Page, PageIterable } from './client/pagination.ts'
export type {
  AssistantCreateParams,
  AssistantUpdateParams,
  IncludeQuery,
  ListQuery,
  MessageAttachmentParam,
  MessageContentPartParam,
  MessageCreateParams,
  MessageListQuery,
  MessageUpdateParams,
  RunCreateParams,
  RunOverrideParams,
  RunStepListQuery,
  SubmitToolOutputsParams,
  ThreadCreateAndRunParams,
  ThreadCreateParams,
  ThreadUpdateParams,
} from './client/params.ts'
export type { PollOptions, RunsResource } from './client/runs.ts'
export type { StepsResource } from './client/steps.ts'
export type { ThreadsResource } from './client/threads.ts'
export type { AssistantsErrorCode, AssistantsErrorDetails } from './errors.ts'
export { AssistantsError, isAbortError } from './errors.ts'
// Roles (roles/): custom roles and named authors on the wire's user/assistant, and few-shot seeds.
export type { Author, AuthoredMessage, AuthoredMessageInput, DecodedMessage, WireRole } from './roles/author.ts'
export type { MetadataIssue } from './roles/checkMetadata.ts'
export { checkMetadata, METADATA_LIMITS } from './roles/checkMetadata.ts'
export type { LabelFormat, RoleOptions, RolesCodec, RolesCodecOptions } from './roles/createRolesCodec.ts'
export { createRolesCodec } from './roles/createRolesCodec.ts'
export { decodeMessage, defaultRolesCodec, encodeMessage } from './roles/defaultRolesCodec.ts'
export type { FewShotExample } from './roles/fewShot.ts'
export { fewShot } from './roles/fewShot.ts'
export type { TrustLabels } from './roles/trustedLabel.ts'
// Wire schemas and types (schemas/), the SSE stream (stream/) and the run reducer (state/reduceRun.ts).
export type {
  ActiveRunStatus,
  ActivitiesStepDetails,
  Annotation,
  AnnotationDelta,
  Assistant,
  AssistantStreamEvent,
  AssistantTool,
  Attachment,
  CodeInterpreterOutput,
  CodeInterpreterOutputDelta,
  CodeInterpreterTool,
  CodeInterpreterToolCall,
  CodeInterpreterToolCallDelta,
  Deleted,
  ExtensionTool,
  ExtensionToolCall,
  ExtensionToolCallDelta,
  ExtensionToolType,
  FileCitationAnnotation,
  FilePathAnnotation,
  FileSearchResult,
  FileSearchTool,
  FileSearchToolCall,
  FileSearchToolCallDelta,
  FunctionDefinition,
  FunctionTool,
  FunctionToolCall,
  FunctionToolCallDelta,
  ImageDetail,
  ImageFileContent,
  ImageFileDeltaContent,
  ImageUrlContent,
  ImageUrlDeltaContent,
  KnownStreamEvent,
  LastError,
  ListResponse,
  Message,
  MessageContent,
  MessageCreationStepDetails,
  MessageDelta,
  MessageDeltaContent,
  MessageStatus,
  Metadata,
  RefusalContent,
  RefusalDeltaContent,
  RequiredAction,
  ResponseFormat,
  ResponseSchemaName,
  Run,
  RunStatus,
  RunStep,
  RunStepDelta,
  RunStepStatus,
  RunToolCall,
  StepDetails,
  StepDetailsDelta,
  StreamEventDataMap,
  StreamEventName,
  StrictValidation,
  TerminalRunStatus,
  TextContent,
  TextDeltaContent,
  Thread,
  ToolCall,
  ToolCallDelta,
  ToolCallsStepDetails,
  ToolChoice,
  ToolResources,
  TruncationStrategy,
  UnknownStreamEvent,
  UrlCitationAnnotation,
  Usage,
  Validation,
  WireError,
} from './schemas/index.ts'
export {
  AnnotationDeltaSchema,
  AnnotationSchema,
  AssistantSchema,
  AssistantToolSchema,
  DeletedSchema,
  ErrorBodySchema,
  EXTENSION_TOOL_TYPES,
  FunctionDefinitionSchema,
  isActiveRunStatus,
  isTerminalRunStatus,
  LastErrorSchema,
  MessageContentSchema,
  MessageDeltaContentSchema,
  MessageDeltaSchema,
  MessageSchema,
  MetadataSchema,
  RequiredActionSchema,
  ResponseFormatSchema,
  RUN_STATUSES,
  RunSchema,
  RunStatusSchema,
  RunStepDeltaSchema,
  RunStepSchema,
  STREAM_EVENT_NAMES,
  StepDetailsSchema,
  ThreadSchema,
  ToolCallDeltaSchema,
  ToolCallSchema,
  ToolResourcesSchema,
  UsageSchema,
} from './schemas/index.ts'
// Stores (state/): the framework-free thread store the React and Vue hooks subscribe to.
export type { Store } from './state/createStore.ts'
export { createStore } from './state/createStore.ts'
export type {
  LiveOptions,
  RunOverrides,
  SendOptions,
  ThreadStore,
  ThreadStoreHooks,
  ThreadStoreOptions,
} from './state/createThreadStore.ts'
export { createThreadStore } from './state/createThreadStore.ts'
export { getThreadStore } from './state/getThreadStore.ts'
export type { LiveEnvironment } from './state/livePoller.ts'
export type { PendingParams } from './state/messageRows.ts'
export { messageText } from './state/messageText.ts'
export { initialRunState, reduceRun } from './state/reduceRun.ts'
export type { RunState } from './state/runState.ts'
export type {
  LocalState,
  LocalStatus,
  RunSnapshot,
  ThreadMessage,
  ThreadSnapshot,
  ThreadStatus,
  ToolCallState,
} from './state/threadSnapshot.ts'
export { initialThreadSnapshot, isRunActive } from './state/threadSnapshot.ts'
export type { ToolContext, ToolFunction, ToolOutput } from './state/toolCalls.ts'
export type { CreateRunStreamOptions, RunStream } from './stream/createRunStream.ts'
export { createRunStream } from './stream/createRunStream.ts'
export type { ParseEventStreamOptions } from './stream/parseEventStream.ts'
export { parseEventStream } from './stream/parseEventStream.ts'
