import type { RunStep } from '../schemas/runStep.ts'
import type { CodeInterpreterOutputDelta, RunStepDelta, ToolCallDelta } from '../schemas/runStepDelta.ts'
import type { CodeInterpreterOutput, ToolCall } from '../schemas/toolCall.ts'
import { checkIndex, fitsIndex, invalidDelta } from './checkIndex.ts'
import { hasExactKeys } from './hasExactKeys.ts'

/**
 * Applies one `thread.run.step.delta` to a step snapshot: tool calls are placed by `index`; function `name` and
 * `arguments`, code interpreter `input` and `logs` are appended; `id`, `output`, image ids and file search payloads are
 * replaced as they arrive. Returns a new step (sharing every untouched call) or `step` itself when nothing changes.
 *
 * @param step - the current snapshot
 * @param data - the delta event's data
 * @param event - the event name, for errors
 * @returns the next snapshot
 * @throws AssistantsError `invalid_event` for an out-of-bounds index or a delta that does not fit the step
 */
export function applyStepDelta(step: RunStep, data: RunStepDelta, event: string): RunStep {
  const details = data.delta.step_details
  if (details === undefined) return step
  const current = step.step_details
  const path = 'delta.step_details'
  if (details.type === 'message_creation') {
    if (current.type !== 'message_creation') throw mismatch(event, path, details.type, current.type)
    const messageId = details.message_creation?.message_id
    if (messageId === undefined) return step
    return {
      ...step,
      step_details: { ...current, message_creation: { ...current.message_creation, message_id: messageId } },
    }
  }
  if (details.type !== 'tool_calls' && details.type !== 'mcp' && details.type !== 'openapi') {
    throw invalidDelta(event, `${path}.type`, `unknown step details type ${JSON.stringify(details.type)}`)
  }
  if (current.type !== 'tool_calls') throw mismatch(event, path, details.type, current.type)
  const deltas = details.tool_calls
  if (deltas === undefined || deltas.length === 0) return step
  const calls = current.tool_calls.slice()
  for (let c = 0; c < deltas.length; c++) {
    const delta = deltas[c]!
    // Paths for error messages are built only on failure: this loop runs once per streamed argument fragment.
    const index = fitsIndex(delta.index, calls.length)
      ? delta.index
      : checkIndex(delta.index, calls.length, event, `${path}.tool_calls[${c}].index`)
    calls[index] = applyToolCallDelta(calls[index], delta, event, c)
  }
  const nextDetails = { ...current }
  nextDetails.tool_calls = calls
  const next = hasExactKeys(step, WIRE_KEYS) ? copyWireStep(step) : { ...step }
  next.step_details = nextDetails
  return next
}

// A streamed step's keys in the order the API sends them (every recorded OpenAI and Azure stream).
const WIRE_KEYS: readonly string[] = [
  'id',
  'object',
  'created_at',
  'run_id',
  'assistant_id',
  'thread_id',
  'type',
  'status',
  'cancelled_at',
  'completed_at',
  'expires_at',
  'failed_at',
  'last_error',
  'step_details',
  'usage',
]

/** `{ ...step }` for a step with exactly {@link WIRE_KEYS}, as a literal (see hasExactKeys.ts for why). */
function copyWireStep(step: RunStep): RunStep {
  return {
    id: step.id,
    object: step.object,
    created_at: step.created_at,
    run_id: step.run_id,
    assistant_id: step.assistant_id,
    thread_id: step.thread_id,
    type: step.type,
    status: step.status,
    cancelled_at: step.cancelled_at,
    completed_at: step.completed_at,
    expires_at: step.expires_at,
    failed_at: step.failed_at,
    last_error: step.last_error,
    step_details: step.step_details,
    usage: step.usage,
  }
}

// The shape this reducer builds for a function call (and the API streams): copied as a literal on the hot path.
const CALL_KEYS: readonly string[] = ['id', 'type', 'function']
const FUNCTION_KEYS: readonly string[] = ['name', 'arguments', 'output']

function callPath(c: number): string {
  return `delta.step_details.tool_calls[${c}]`
}

function mismatch(event: string, path: string, got: string, existing: string) {
  return invalidDelta(event, `${path}.type`, `"${got}" does not match the step's ${existing} details`)
}

function applyToolCallDelta(existing: ToolCall | undefined, delta: ToolCallDelta, event: string, c: number): ToolCall {
  if (existing !== undefined && existing.type !== delta.type) {
    throw invalidDelta(
      event,
      `${callPath(c)}.type`,
      `"${String(delta.type)}" does not match the existing ${existing.type} call`,
    )
  }
  const id = delta.id ?? existing?.id ?? ''
  switch (delta.type) {
    case 'function': {
      const fn = delta.function
      // The hot path of a tool call: one more fragment of `arguments` and nothing else; the shape this reducer
      // builds is copied as a literal (see hasExactKeys.ts).
      if (existing?.type === 'function' && delta.id === undefined && fn !== undefined) {
        if (fn.name === undefined && fn.output === undefined && existing.function.output !== undefined) {
          if (!fn.arguments) return existing
          const args = existing.function.arguments + fn.arguments
          if (hasExactKeys(existing, CALL_KEYS) && hasExactKeys(existing.function, FUNCTION_KEYS)) {
            const { name, output } = existing.function
            return { id: existing.id, type: 'function', function: { name, arguments: args, output } }
          }
          const nextFn = { ...existing.function }
          nextFn.arguments = args
          const next = { ...existing }
          next.function = nextFn
          return next
        }
      }
      const prev = existing?.type === 'function' ? existing.function : undefined
      const output = fn?.output === undefined ? (prev?.output ?? null) : fn.output
      return {
        ...existing,
        id,
        type: 'function',
        function: {
          ...prev,
          name: (prev?.name ?? '') + (fn?.name ?? ''),
          arguments: (prev?.arguments ?? '') + (fn?.arguments ?? ''),
          output,
        },
      }
    }
    case 'code_interpreter': {
      const prev = existing?.type === 'code_interpreter' ? existing.code_interpreter : undefined
      const ci = delta.code_interpreter
      let outputs = prev?.outputs ?? []
      const outputDeltas = ci?.outputs
      if (outputDeltas !== undefined && outputDeltas.length > 0) {
        outputs = outputs.slice()
        for (let o = 0; o < outputDeltas.length; o++) {
          const out = outputDeltas[o]!
          const at = checkIndex(out.index, outputs.length, event, `${callPath(c)}.code_interpreter.outputs[${o}].index`)
          outputs[at] = applyOutputDelta(outputs[at], out, event, `${callPath(c)}.code_interpreter.outputs[${o}]`)
        }
      }
      return {
        ...existing,
        id,
        type: 'code_interpreter',
        code_interpreter: { ...prev, input: (prev?.input ?? '') + (ci?.input ?? ''), outputs },
      }
    }
    case 'file_search': {
      const prev = existing?.type === 'file_search' ? existing.file_search : undefined
      // ranking_options and results arrive whole (results only with step.completed), so they replace what was there.
      return { ...existing, id, type: 'file_search', file_search: { ...prev, ...delta.file_search } }
    }
    default: {
      const type: unknown = delta.type
      if (typeof type !== 'string')
        throw invalidDelta(event, `${callPath(c)}.type`, `unknown tool call type ${JSON.stringify(type)}`)
      // Azure-only calls (bing_grounding, mcp, ...) have untyped payloads: each delta's fields replace the previous.
      const { index: _index, ...fields } = delta
      return { ...existing, ...fields, id }
    }
  }
}

function applyOutputDelta(
  existing: CodeInterpreterOutput | undefined,
  delta: CodeInterpreterOutputDelta,
  event: string,
  path: string,
): CodeInterpreterOutput {
  if (existing !== undefined && existing.type !== delta.type) {
    throw invalidDelta(
      event,
      `${path}.type`,
      `"${String(delta.type)}" does not match the existing ${existing.type} output`,
    )
  }
  switch (delta.type) {
    case 'logs': {
      const prev = existing?.type === 'logs' ? existing : undefined
      return { ...prev, type: 'logs', logs: (prev?.logs ?? '') + (delta.logs ?? '') }
    }
    case 'image': {
      const prev = existing?.type === 'image' ? existing : undefined
      return {
        ...prev,
        type: 'image',
        image: { ...prev?.image, file_id: delta.image?.file_id ?? prev?.image.file_id ?? '' },
      }
    }
    default:
      throw invalidDelta(
        event,
        `${path}.type`,
        `unknown output type ${JSON.stringify((delta as { type?: unknown }).type)}`,
      )
  }
}
