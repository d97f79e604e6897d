// The three kinds of step a run produces, emitted in the recordings' order (wire/events.md §2 "Observed orderings").
import { nowSeconds } from './clock.ts'
import type { PlannedSearchResult, PlannedToolCall, ReplyToken } from './model.ts'
import { usage, viewStep } from './objects.ts'
import type { EngineDeps, RunContext } from './runEngine.ts'
import { addMessage } from './state.ts'
import type { FileCitationAnnotation, RunStep } from './wire.ts'

/** What the step functions need from the run's timeline. */
export interface StepContext extends RunContext {
  deps: EngineDeps
  /** Waits one token delay (rejects when the run is aborted). */
  pace(): Promise<void>
  /** Tokens the model read, for `usage.prompt_tokens`. */
  promptTokens: number
}

function newStep(ctx: StepContext, details: RunStep['step_details']): RunStep {
  const { run } = ctx.record
  const step: RunStep = {
    id: ctx.deps.ids.next('step'),
    object: 'thread.run.step',
    created_at: nowSeconds(ctx.deps.clock),
    run_id: run.id,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    type: details.type,
    status: 'in_progress',
    cancelled_at: null,
    completed_at: null,
    expires_at: run.expires_at,
    failed_at: null,
    last_error: null,
    step_details: details,
    usage: null,
  }
  ctx.record.steps.push(step)
  ctx.record.current.step = step
  emitStep(ctx, 'thread.run.step.created', step)
  emitStep(ctx, 'thread.run.step.in_progress', step)
  return step
}

/**
 * Emits a step event with the step's wire view (file_search content only when `include[]` asked for it).
 *
 * @param ctx - the run
 * @param event - the event name
 * @param step - the step
 */
export function emitStep(ctx: RunContext, event: string, step: RunStep): void {
  ctx.emit(event, viewStep(step, ctx.record.includeContent))
}

/**
 * Marks a step completed with its usage and emits `thread.run.step.completed`.
 *
 * @param ctx - the run
 * @param step - the step
 * @param completionTokens - tokens the step produced
 */
export function completeStep(ctx: StepContext, step: RunStep, completionTokens: number): void {
  step.status = 'completed'
  step.completed_at = nowSeconds(ctx.deps.clock)
  step.usage = usage(ctx.promptTokens, completionTokens)
  ctx.record.current.step = undefined
  emitStep(ctx, 'thread.run.step.completed', step)
}

function stepDelta(ctx: StepContext, step: RunStep, toolCalls: unknown[]): void {
  ctx.emit('thread.run.step.delta', {
    id: step.id,
    object: 'thread.run.step.delta',
    delta: { step_details: { type: 'tool_calls', tool_calls: toolCalls } },
  })
}

/**
 * @param args - a JSON arguments string
 * @returns it cut into 5-character fragments, as the model streams arguments (`{}` stays one fragment)
 */
export function argumentChunks(args: string): string[] {
  const chars = [...args]
  const chunks: string[] = []
  for (let i = 0; i < chars.length; i += 5) chunks.push(chars.slice(i, i + 5).join(''))
  return chunks
}

/**
 * Streams a `tool_calls` step with function calls, then stops the run at `requires_action` and ends the streams with
 * `done`. The step stays `in_progress` until the outputs arrive (as recorded).
 *
 * @param ctx - the run
 * @param calls - the planned calls
 */
export async function functionCallStep(ctx: StepContext, calls: readonly PlannedToolCall[]): Promise<void> {
  const step = newStep(ctx, { type: 'tool_calls', tool_calls: [] })
  if (step.step_details.type !== 'tool_calls') return
  const stored = step.step_details.tool_calls
  for (const [index, call] of calls.entries()) {
    const id = ctx.deps.ids.next('call')
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)
    stored.push({ id, type: 'function', function: { name: call.name, arguments: args, output: null } })
    await ctx.pace()
    stepDelta(ctx, step, [{ index, id, type: 'function', function: { name: call.name, arguments: '', output: null } }])
    for (const chunk of argumentChunks(args)) {
      await ctx.pace()
      stepDelta(ctx, step, [{ index, type: 'function', function: { arguments: chunk } }])
    }
  }
  const { run } = ctx.record
  run.status = 'requires_action'
  run.required_action = {
    type: 'submit_tool_outputs',
    submit_tool_outputs: {
      tool_calls: stored.flatMap((call) =>
        call.type === 'function'
          ? [
              {
                id: call.id,
                type: 'function' as const,
                function: { name: call.function.name, arguments: call.function.arguments },
              },
            ]
          : [],
      ),
    },
  }
  ctx.emit('thread.run.requires_action', run)
  ctx.done()
}

/**
 * Streams a `tool_calls` step with one file_search call: created, in_progress, one delta with empty results, then
 * completed with the results (as recorded).
 *
 * @param ctx - the run
 * @param results - the hits to report
 */
export async function fileSearchStep(ctx: StepContext, results: readonly PlannedSearchResult[]): Promise<void> {
  const step = newStep(ctx, { type: 'tool_calls', tool_calls: [] })
  if (step.step_details.type !== 'tool_calls') return
  const id = ctx.deps.ids.next('call')
  const ranking_options = { ranker: 'default_2024_08_21', score_threshold: 0.0 }
  await ctx.pace()
  stepDelta(ctx, step, [{ index: 0, id, type: 'file_search', file_search: { ranking_options, results: [] } }])
  step.step_details.tool_calls.push({
    id,
    type: 'file_search',
    file_search: {
      ranking_options,
      results: results.map((result) => ({
        file_id: result.file_id,
        file_name: result.file_name,
        score: result.score ?? 0.5,
        attributes: {},
        ...(result.content === undefined ? {} : { content: [{ type: 'text' as const, text: result.content }] }),
      })),
    },
  })
  await ctx.pace()
  completeStep(ctx, step, 20)
}

/**
 * Streams the reply: a `message_creation` step, the message, one `thread.message.delta` per token (a citation token
 * carries its annotation with `quote: ""`, as recorded), then message and step completed.
 *
 * @param ctx - the run
 * @param tokens - the reply tokens
 * @param stopAfter - end the run early after this many deltas (a `run_outcome` fault)
 * @returns `false` when the run was ended early
 */
export async function messageStep(
  ctx: StepContext,
  tokens: readonly ReplyToken[],
  stopAfter?: number,
): Promise<boolean> {
  const { run } = ctx.record
  const message = addMessage(
    ctx.deps,
    ctx.thread,
    { role: 'assistant', content: [], attachments: [], metadata: {} },
    { assistant_id: run.assistant_id, run_id: run.id, status: 'in_progress' },
  )
  const step = newStep(ctx, { type: 'message_creation', message_creation: { message_id: message.id } })
  ctx.record.current.message = message
  ctx.emit('thread.message.created', message)
  ctx.emit('thread.message.in_progress', message)
  for (const [index, token] of tokens.entries()) {
    if (stopAfter === index) return false
    await ctx.pace()
    const first = message.content.length === 0
    if (first) message.content.push({ type: 'text', text: { value: '', annotations: [] } })
    const part = message.content[0]
    if (part?.type !== 'text') return false
    const value = typeof token === 'string' ? token : token.citation.text
    const start = part.text.value.length
    part.text.value += value
    const text: Record<string, unknown> = { value }
    if (first) text['annotations'] = []
    if (typeof token !== 'string') {
      const annotation: FileCitationAnnotation = {
        type: 'file_citation',
        text: value,
        start_index: start,
        end_index: start + value.length,
        file_citation: { file_id: token.citation.file_id },
      }
      text['annotations'] = [
        {
          index: part.text.annotations.length,
          ...annotation,
          file_citation: { ...annotation.file_citation, quote: '' },
        },
      ]
      part.text.annotations.push(annotation)
    }
    ctx.emit('thread.message.delta', {
      id: message.id,
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text }] },
    })
  }
  if (stopAfter !== undefined) return false
  message.status = 'completed'
  message.completed_at = nowSeconds(ctx.deps.clock)
  ctx.record.current.message = undefined
  ctx.emit('thread.message.completed', message)
  completeStep(ctx, step, tokens.length)
  return true
}
