// The wire schemas and types of @skein/core: explicit named re-exports only.

export type {
  Annotation,
  AnnotationDelta,
  FileCitationAnnotation,
  FilePathAnnotation,
  UrlCitationAnnotation,
} from './annotation.ts'
export { AnnotationDeltaSchema, AnnotationSchema } from './annotation.ts'
export type { Assistant } from './assistant.ts'
export { AssistantSchema } from './assistant.ts'
export type { Deleted, LastError, ListResponse, Metadata, ToolResources, Usage, WireError } from './common.ts'
export {
  DeletedSchema,
  ErrorBodySchema,
  LastErrorSchema,
  MetadataSchema,
  ToolResourcesSchema,
  UsageSchema,
} from './common.ts'
export type {
  AssistantStreamEvent,
  KnownStreamEvent,
  StreamEventDataMap,
  StreamEventName,
  UnknownStreamEvent,
} from './event.ts'
export { STREAM_EVENT_NAMES } from './event.ts'
export type {
  Attachment,
  ImageDetail,
  ImageFileContent,
  ImageUrlContent,
  Message,
  MessageContent,
  MessageStatus,
  RefusalContent,
  TextContent,
} from './message.ts'
export { MessageContentSchema, MessageSchema } from './message.ts'
export type {
  ImageFileDeltaContent,
  ImageUrlDeltaContent,
  MessageDelta,
  MessageDeltaContent,
  RefusalDeltaContent,
  TextDeltaContent,
} from './messageDelta.ts'
export { MessageDeltaContentSchema, MessageDeltaSchema } from './messageDelta.ts'
export type { RequiredAction, ResponseFormat, Run, RunToolCall, ToolChoice, TruncationStrategy } from './run.ts'
export { RequiredActionSchema, ResponseFormatSchema, RunSchema, RunStatusSchema } from './run.ts'
export type { ActiveRunStatus, RunStatus, TerminalRunStatus } from './runStatus.ts'
export { isActiveRunStatus, isTerminalRunStatus, RUN_STATUSES } from './runStatus.ts'
export type {
  ActivitiesStepDetails,
  MessageCreationStepDetails,
  RunStep,
  RunStepStatus,
  StepDetails,
  ToolCallsStepDetails,
} from './runStep.ts'
export { RunStepSchema, StepDetailsSchema } from './runStep.ts'
export type {
  CodeInterpreterOutputDelta,
  CodeInterpreterToolCallDelta,
  ExtensionToolCallDelta,
  FileSearchToolCallDelta,
  FunctionToolCallDelta,
  RunStepDelta,
  StepDetailsDelta,
  ToolCallDelta,
} from './runStepDelta.ts'
export { RunStepDeltaSchema, ToolCallDeltaSchema } from './runStepDelta.ts'
export type { Thread } from './thread.ts'
export { ThreadSchema } from './thread.ts'
export type {
  AssistantTool,
  CodeInterpreterTool,
  ExtensionTool,
  ExtensionToolType,
  FileSearchTool,
  FunctionDefinition,
  FunctionTool,
} from './tool.ts'
export { AssistantToolSchema, EXTENSION_TOOL_TYPES, FunctionDefinitionSchema } from './tool.ts'
export type {
  CodeInterpreterOutput,
  CodeInterpreterToolCall,
  ExtensionToolCall,
  FileSearchResult,
  FileSearchToolCall,
  FunctionToolCall,
  ToolCall,
} from './toolCall.ts'
export { ToolCallSchema } from './toolCall.ts'
export type { ResponseSchemaName, StrictValidation, Validation } from './validation.ts'
