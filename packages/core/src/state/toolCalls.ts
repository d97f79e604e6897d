import type { Run } from '../schemas/index.ts'
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

/** A function call a run asks for: its id, function name and arguments (JSON text, as the model wrote them). */
export interface ToolCall {
  readonly id: string
  readonly name: string
  readonly arguments: string
}

/**
 * The function calls a run asks for right now (`required_action`), in order.
 *
 * @param run - the run
 * @returns the calls
 */
export function requiredCalls(run: Run): ToolCall[] {
  return (run.required_action?.submit_tool_outputs?.tool_calls ?? []).map(({ id, function: call }) => ({
    id,
    name: call.name,
    arguments: call.arguments,
  }))
}

/**
 * The outputs of every call the run asks for, from what the store tracked (its tools' and the app's outputs).
 *
 * @param run - the run
 * @param calls - the store's calls by id
 * @returns the outputs to submit, or undefined while one is missing
 */
export function toolOutputs(run: Run, calls: ReadonlyMap<string, ToolCallState>): ToolOutput[] | undefined {
  const outputs = requiredCalls(run).map(({ id }) => ({ tool_call_id: id, output: calls.get(id)?.output }))
  return outputs.every((output) => output.output != null) ? (outputs as ToolOutput[]) : undefined
}

/**
 * Runs the registered tools for the calls a run requires, in parallel, telling `track` each status and output. Calls
 * without a registered function stay `pending`: the app submits their outputs.
 *
 * @param run - the run that requires the calls
 * @param tools - the registered functions by name
 * @param signal - aborts every tool
 * @param track - told each status change and output, so the snapshot shows progress and the outputs can be submitted
 * @returns when every tool has finished
 */
export function runTools(
  run: Run,
  tools: Readonly<Record<string, ToolFunction>>,
  signal: AbortSignal,
  track: (call: ToolCall, status: ToolCallState['status'], output: string | null) => void,
): Promise<unknown> {
  return Promise.all(
    requiredCalls(run).map(async (call) => {
      const tool = Object.hasOwn(tools, call.name) ? tools[call.name] : undefined
      if (!tool) return
      track(call, 'running', null)
      try {
        // Models send empty arguments for a function without parameters.
        const value: unknown = await tool(JSON.parse(call.arguments.trim() || '{}'), { signal, call })
        track(call, 'done', typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'))
      } catch (error) {
        // The run was cancelled or torn down: nothing is submitted.
        if (signal.aborted) throw error
        const message =
          error instanceof SyntaxError
            ? `Tool ${call.name}: arguments are not JSON`
            : String((error as Error | null)?.message ?? error)
        track(call, 'error', JSON.stringify({ error: message }))
      }
    }),
  )
}
