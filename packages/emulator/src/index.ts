// The public API of @skein/emulator: explicit named exports only. Importable in any runtime: `listen` loads
// `node:http` only when called.

export type { EmulatorClock } from './clock.ts'
export { systemClock } from './clock.ts'
export type { AssistantSeed, Emulator, EmulatorOptions } from './createEmulator.ts'
export { createEmulator } from './createEmulator.ts'
export type {
  DelayFault,
  DelayTokensFault,
  DropFault,
  ErrorEventFault,
  Fault,
  FaultMatch,
  RunOutcomeFault,
  StatusFault,
} from './faults.ts'
export type { FetchHandler, Listening, ListenOptions } from './listen.ts'
export { listen } from './listen.ts'
export type {
  CitationToken,
  EmulatorModel,
  ModelInput,
  PlannedSearchResult,
  PlannedToolCall,
  ReplyPlan,
  ReplyToken,
  ToolOutput,
} from './model.ts'
export { lastUserText, scriptedModel } from './model.ts'
export type { EmulatorConfig } from './routing.ts'
export type { EmulatorStats } from './stats.ts'
export { tokenize } from './tokenize.ts'
export type {
  Assistant,
  AssistantTool,
  Attachment,
  FileCitationAnnotation,
  FileSearchResult,
  FunctionDefinition,
  Message,
  MessageContent,
  Metadata,
  RequiredToolCall,
  Run,
  RunStatus,
  RunStep,
  StepToolCall,
  StreamEvent,
  Thread,
  ToolResources,
  Usage,
} from './wire.ts'
