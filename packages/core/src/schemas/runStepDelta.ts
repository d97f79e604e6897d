import * as v from 'valibot'
import { EXTENSION_TOOL_TYPES, type ExtensionToolType } from './tool.ts'

/** A streamed function call part: `arguments` is appended; `name`, `id` and `output` arrive whole. */
export interface FunctionToolCallDelta {
  [key: string]: unknown
  index: number
  id?: string | undefined
  type: 'function'
  function?:
    | {
        [key: string]: unknown
        name?: string | undefined
        arguments?: string | undefined
        output?: string | null | undefined
      }
    | undefined
}

/** A streamed code interpreter output, placed at its own `index`. */
export type CodeInterpreterOutputDelta =
  | { [key: string]: unknown; index: number; type: 'logs'; logs?: string | undefined }
  | {
      [key: string]: unknown
      index: number
      type: 'image'
      image?: { [key: string]: unknown; file_id?: string | undefined } | undefined
    }

/** A streamed code interpreter part: `input` is appended, `outputs` placed by their `index`. */
export interface CodeInterpreterToolCallDelta {
  [key: string]: unknown
  index: number
  id?: string | undefined
  type: 'code_interpreter'
  code_interpreter?:
    | { [key: string]: unknown; input?: string | undefined; outputs?: CodeInterpreterOutputDelta[] | undefined }
    | undefined
}

/** A streamed file search call (real servers send it once, with `ranking_options` and empty `results`). */
export interface FileSearchToolCallDelta {
  [key: string]: unknown
  index: number
  id?: string | undefined
  type: 'file_search'
  file_search?: { [key: string]: unknown } | undefined
}

/** A streamed Azure-only tool call, kept as it arrives. */
export interface ExtensionToolCallDelta {
  [key: string]: unknown
  index: number
  id?: string | undefined
  type: ExtensionToolType
}

/** One entry of `delta.step_details.tool_calls`. */
export type ToolCallDelta =
  | FunctionToolCallDelta
  | CodeInterpreterToolCallDelta
  | FileSearchToolCallDelta
  | ExtensionToolCallDelta

/** The streamed part of a step's details. Azure previews also label tool-call deltas `mcp` and `openapi`. */
export type StepDetailsDelta =
  | {
      [key: string]: unknown
      type: 'message_creation'
      message_creation?: { [key: string]: unknown; message_id?: string | undefined } | undefined
    }
  | { [key: string]: unknown; type: 'tool_calls' | 'mcp' | 'openapi'; tool_calls?: ToolCallDelta[] | undefined }

/** The data of `thread.run.step.delta`. */
export interface RunStepDelta {
  [key: string]: unknown
  id: string
  object: 'thread.run.step.delta'
  delta: { [key: string]: unknown; step_details?: StepDetailsDelta | undefined }
}

const callEntries = { index: v.number(), id: v.optional(v.string()) }

/** Schema for {@link ToolCallDelta}. */
export const ToolCallDeltaSchema: v.GenericSchema<unknown, ToolCallDelta> = v.variant('type', [
  v.looseObject({
    ...callEntries,
    type: v.literal('function'),
    function: v.optional(
      v.looseObject({
        name: v.optional(v.string()),
        arguments: v.optional(v.string()),
        output: v.nullish(v.string()),
      }),
    ),
  }),
  v.looseObject({
    ...callEntries,
    type: v.literal('code_interpreter'),
    code_interpreter: v.optional(
      v.looseObject({
        input: v.optional(v.string()),
        outputs: v.optional(
          v.array(
            v.variant('type', [
              v.looseObject({ index: v.number(), type: v.literal('logs'), logs: v.optional(v.string()) }),
              v.looseObject({
                index: v.number(),
                type: v.literal('image'),
                image: v.optional(v.looseObject({ file_id: v.optional(v.string()) })),
              }),
            ]),
          ),
        ),
      }),
    ),
  }),
  v.looseObject({ ...callEntries, type: v.literal('file_search'), file_search: v.optional(v.looseObject({})) }),
  v.looseObject({ ...callEntries, type: v.picklist(EXTENSION_TOOL_TYPES) }),
])

/** Schema for {@link RunStepDelta}. */
export const RunStepDeltaSchema: v.GenericSchema<unknown, RunStepDelta> = v.looseObject({
  id: v.string(),
  object: v.literal('thread.run.step.delta'),
  delta: v.looseObject({
    step_details: v.optional(
      v.variant('type', [
        v.looseObject({
          type: v.literal('message_creation'),
          message_creation: v.optional(v.looseObject({ message_id: v.optional(v.string()) })),
        }),
        v.looseObject({
          type: v.picklist(['tool_calls', 'mcp', 'openapi']),
          tool_calls: v.optional(v.array(ToolCallDeltaSchema)),
        }),
      ]),
    ),
  }),
})
