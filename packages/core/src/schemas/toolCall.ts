import * as v from 'valibot'
import { EXTENSION_TOOL_TYPES, type ExtensionToolType } from './tool.ts'

/** A function call; `output` is `null` until the tool output is submitted. */
export interface FunctionToolCall {
  [key: string]: unknown
  id: string
  type: 'function'
  function: { [key: string]: unknown; name: string; arguments: string; output: string | null }
}

/** Code interpreter output: `{ type: 'logs', logs }` or `{ type: 'image', image: { file_id } }`. */
export type CodeInterpreterOutput =
  | { [key: string]: unknown; type: 'logs'; logs: string }
  | { [key: string]: unknown; type: 'image'; image: { [key: string]: unknown; file_id: string } }

/** A code interpreter call: the code (`input`) and what it printed or drew. */
export interface CodeInterpreterToolCall {
  [key: string]: unknown
  id: string
  type: 'code_interpreter'
  code_interpreter: { [key: string]: unknown; input: string; outputs: CodeInterpreterOutput[] }
}

/** One chunk found by a file search. `content` only when requested with `include[]`. */
export interface FileSearchResult {
  [key: string]: unknown
  file_id: string
  file_name: string
  score: number
  content?: { [key: string]: unknown; type: 'text'; text: string }[] | undefined
}

/** A file search call; results only arrive with `thread.run.step.completed`. */
export interface FileSearchToolCall {
  [key: string]: unknown
  id: string
  type: 'file_search'
  file_search: {
    [key: string]: unknown
    ranking_options?: { [key: string]: unknown; ranker: string; score_threshold: number } | undefined
    results?: FileSearchResult[] | undefined
  }
}

/** An Azure-only tool call (Bing grounding, OpenAPI, MCP, ...), kept as it arrives. */
export interface ExtensionToolCall {
  [key: string]: unknown
  id: string
  type: ExtensionToolType
}

/** A tool call of a `tool_calls` run step. */
export type ToolCall = FunctionToolCall | CodeInterpreterToolCall | FileSearchToolCall | ExtensionToolCall

const CodeInterpreterOutputSchema = v.variant('type', [
  v.looseObject({ type: v.literal('logs'), logs: v.string() }),
  v.looseObject({ type: v.literal('image'), image: v.looseObject({ file_id: v.string() }) }),
])

/** Schema for {@link ToolCall}. */
export const ToolCallSchema: v.GenericSchema<unknown, ToolCall> = v.variant('type', [
  v.looseObject({
    id: v.string(),
    type: v.literal('function'),
    function: v.looseObject({ name: v.string(), arguments: v.string(), output: v.nullable(v.string()) }),
  }),
  v.looseObject({
    id: v.string(),
    type: v.literal('code_interpreter'),
    code_interpreter: v.looseObject({ input: v.string(), outputs: v.array(CodeInterpreterOutputSchema) }),
  }),
  v.looseObject({
    id: v.string(),
    type: v.literal('file_search'),
    file_search: v.looseObject({
      ranking_options: v.optional(v.looseObject({ ranker: v.string(), score_threshold: v.number() })),
      results: v.optional(
        v.array(
          v.looseObject({
            file_id: v.string(),
            file_name: v.string(),
            score: v.number(),
            content: v.optional(v.array(v.looseObject({ type: v.literal('text'), text: v.string() }))),
          }),
        ),
      ),
    }),
  }),
  v.looseObject({ id: v.string(), type: v.picklist(EXTENSION_TOOL_TYPES) }),
])
