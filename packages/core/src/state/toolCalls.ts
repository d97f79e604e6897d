import { AssistantsError, isAbortError } from '../errors.ts'
import type { Run, RunStep } from '../schemas/index.ts'
import type { ToolCallState } from './threadSnapshot.ts'

/** What a registered client-side tool receives besides its parsed arguments. */
export interface ToolContext {
  /** Aborted when the run is cancelled or the store is torn down. */
  readonly signal: AbortSignal
  /** The call as the model made it. */
  readonly call: { readonly id: string; readonly name: string; readonly arguments: string }
}

/**
 * A client-side tool: receives the parsed JSON arguments and returns the output (a string is sent as it is; anything
 * else is sent as JSON). A throw is submitted as `{"error": "<message>"}` so the run can go on.
 */
export type ToolFunction = (args: unknown, context: ToolContext) => unknown

/** One output for `submit_tool_outputs`. */
export interface ToolOutput {
  readonly tool_call_id: string
  readonly output: string
}

/** What the store tracks locally about a tool call. */
export interface ToolLocal {
  readonly status: ToolCallState['status']
  readonly output: string | null
}

interface CallInfo {
  readonly id: string
  readonly name: string
  readonly arguments: string
  readonly output: string | null
}

/** The function calls a run asks for right now (`required_action`), in order. */
export function requiredCalls(run: Run | null): CallInfo[] {
  const calls = run?.required_action?.submit_tool_outputs?.tool_calls ?? []
  return calls.map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
    output: null,
  }))
}

function stepCalls(steps: readonly RunStep[]): CallInfo[] {
  const calls: CallInfo[] = []
  for (const step of steps) {
    const details = step.step_details
    if (details.type !== 'tool_calls') continue
    for (const call of details.tool_calls) {
      if (call.type !== 'function' || call.id === undefined) continue
      calls.push({
        id: call.id,
        name: call.function.name ?? '',
        arguments: call.function.arguments ?? '',
        output: call.function.output ?? null,
      })
    }
  }
  return calls
}

/**
 * The function tool calls of a run for the snapshot: those its steps show, plus any `required_action` call the steps
 * have not shown (runs seen by polling have no step events), each with the store's local status.
 */
export function deriveToolCalls(
  run: Run | null,
  steps: readonly RunStep[],
  local: ReadonlyMap<string, ToolLocal>,
): ToolCallState[] {
  const calls = stepCalls(steps)
  const seen = new Set(calls.map((call) => call.id))
  for (const call of requiredCalls(run)) if (!seen.has(call.id)) calls.push(call)
  return calls.map((call) => {
    const mine = local.get(call.id)
    const output = mine?.output ?? call.output
    const status = mine?.status ?? (output === null ? 'pending' : 'done')
    return { id: call.id, name: call.name, arguments: call.arguments, output, status }
  })
}

function errorOutput(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return JSON.stringify({ error: message })
}

/**
 * Runs the registered tools for `calls` in parallel. Calls without a registered function are left to the app.
 *
 * @param calls - the calls the run requires
 * @param tools - the registered functions by name
 * @param signal - aborts every tool
 * @param onLocal - told each status change, so the snapshot can show progress
 * @returns the outputs that were produced, in call order
 */
export async function runTools(
  calls: readonly CallInfo[],
  tools: Readonly<Record<string, ToolFunction>>,
  signal: AbortSignal,
  onLocal: (id: string, local: ToolLocal) => void,
): Promise<ToolOutput[]> {
  const results = await Promise.all(
    calls.map(async (call): Promise<ToolOutput | undefined> => {
      const tool = Object.hasOwn(tools, call.name) ? tools[call.name] : undefined
      if (tool === undefined) return undefined
      onLocal(call.id, { status: 'running', output: null })
      let output: string
      let status: ToolLocal['status'] = 'done'
      try {
        const args: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments)
        const value: unknown = await tool(args, { signal, call })
        output = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')
      } catch (error) {
        if (signal.aborted && isAbortError(error)) throw error
        status = 'error'
        output = errorOutput(
          error instanceof SyntaxError
            ? new AssistantsError('validation', `Tool ${call.name}: arguments are not JSON`, { cause: error })
            : error,
        )
      }
      onLocal(call.id, { status, output })
      return { tool_call_id: call.id, output }
    }),
  )
  return results.filter((result): result is ToolOutput => result !== undefined)
}
