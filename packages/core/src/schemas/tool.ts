import * as v from 'valibot'

/**
 * Tool types that only Azure AI Foundry Agents define (wire/azure.md section 3). Strict validation accepts them with
 * any payload, so a strict client does not reject an Azure run or step for using one.
 */
export type ExtensionToolType =
  | 'bing_grounding'
  | 'bing_custom_search'
  | 'azure_ai_search'
  | 'sharepoint_grounding'
  | 'fabric_dataagent'
  | 'openapi'
  | 'azure_function'
  | 'connected_agent'
  | 'deep_research'
  | 'mcp'

/** The tool types of {@link ExtensionToolType}, as a list (used by the schemas). */
export const EXTENSION_TOOL_TYPES: readonly ExtensionToolType[] = [
  'bing_grounding',
  'bing_custom_search',
  'azure_ai_search',
  'sharepoint_grounding',
  'fabric_dataagent',
  'openapi',
  'azure_function',
  'connected_agent',
  'deep_research',
  'mcp',
]

/** A function the model may call: JSON-schema `parameters`, optional `strict`. */
export interface FunctionDefinition {
  [key: string]: unknown
  name: string
  description?: string | null | undefined
  parameters?: Record<string, unknown> | null | undefined
  strict?: boolean | null | undefined
}

/** `{ type: 'code_interpreter' }` */
export interface CodeInterpreterTool {
  [key: string]: unknown
  type: 'code_interpreter'
}

/** `{ type: 'file_search', file_search?: { max_num_results?, ranking_options? } }` */
export interface FileSearchTool {
  [key: string]: unknown
  type: 'file_search'
  file_search?:
    | {
        [key: string]: unknown
        max_num_results?: number | undefined
        ranking_options?:
          | { [key: string]: unknown; ranker?: string | undefined; score_threshold?: number | undefined }
          | undefined
      }
    | undefined
}

/** `{ type: 'function', function: FunctionDefinition }` */
export interface FunctionTool {
  [key: string]: unknown
  type: 'function'
  function: FunctionDefinition
}

/** An Azure-only tool (Bing grounding, OpenAPI, MCP, ...); its payload sits under a key named like its type. */
export interface ExtensionTool {
  [key: string]: unknown
  type: ExtensionToolType
}

/** A tool enabled on an assistant or a run. */
export type AssistantTool = CodeInterpreterTool | FileSearchTool | FunctionTool | ExtensionTool

/** Schema for {@link FunctionDefinition}. */
export const FunctionDefinitionSchema: v.GenericSchema<unknown, FunctionDefinition> = v.looseObject({
  name: v.string(),
  description: v.nullish(v.string()),
  parameters: v.nullish(v.record(v.string(), v.unknown())),
  strict: v.nullish(v.boolean()),
})

/** Schema for {@link AssistantTool}. */
export const AssistantToolSchema: v.GenericSchema<unknown, AssistantTool> = v.variant('type', [
  v.looseObject({ type: v.literal('code_interpreter') }),
  v.looseObject({
    type: v.literal('file_search'),
    file_search: v.optional(
      v.looseObject({
        max_num_results: v.optional(v.number()),
        ranking_options: v.optional(
          v.looseObject({ ranker: v.optional(v.string()), score_threshold: v.optional(v.number()) }),
        ),
      }),
    ),
  }),
  v.looseObject({ type: v.literal('function'), function: FunctionDefinitionSchema }),
  v.looseObject({ type: v.picklist(EXTENSION_TOOL_TYPES) }),
])
