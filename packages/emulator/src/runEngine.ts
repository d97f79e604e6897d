// A run is a server-side timeline: it advances on its own (so polling works and a dropped stream does not stop it) and
// publishes its events to the hub, which fans them out to whatever streams are watching at the time.
import { badRequest } from './apiError.ts'
import { type EmulatorClock, nowSeconds } from './clock.ts'
import type { RunOutcomeFault } from './faults.ts'
import type { EventHub } from './hub.ts'
import type { IdGenerator } from './ids.ts'
import type { EmulatorModel, ReplyPlan, ToolOutput } from './model.ts'
import { contentText, countTokens, sumUsage } from './objects.ts'
import { completeStep, emitStep, fileSearchStep, functionCallStep, messageStep, type StepContext } from './runSteps.ts'
import { ACTIVE_STATUSES, type EmulatorState, type RunRecord, type ThreadRecord } from './state.ts'
import { tokenize } from './tokenize.ts'
import type { Run } from './wire.ts'

/** What the engine is built from. */
export interface EngineDeps {
  state: EmulatorState
  hub: EventHub
  clock: EmulatorClock
  ids: IdGenerator
  model: EmulatorModel
}

/** A run seen from its timeline: where to publish. */
export interface RunContext {
  thread: ThreadRecord
  record: RunRecord
  /** Publishes a snapshot of `data` as event `event`. */
  emit(event: string, data: unknown): void
  /** Publishes `done`, which ends the streams watching the run. */
  done(): void
}

/** The statuses a run can be forced into before it completes. */
export type EndStatus = RunOutcomeFault['status']

/** Drives runs. */
export interface RunEngine {
  /** Publishes `thread.run.created` and starts the timeline (it advances after the current task). */
  start(thread: ThreadRecord, record: RunRecord): void
  /** Records validated outputs: the tool step completes, the run is queued again and resumes. */
  submit(thread: ThreadRecord, record: RunRecord, outputs: ToolOutput[]): void
  /**
   * Moves an active run to `cancelling`, then `cancelled`; throws the API's 400 otherwise.
   *
   * @returns a snapshot of the run as the cancel request reports it (`cancelling`)
   */
  cancel(thread: ThreadRecord, record: RunRecord): Run
  /** Ends an active run now with a non-completed status. */
  end(thread: ThreadRecord, record: RunRecord, status: EndStatus, detail?: { message?: string; code?: string }): void
  /** Expires a run left in `requires_action` past its `expires_at` (checked whenever the run is read). */
  expireIfDue(thread: ThreadRecord, record: RunRecord): void
}

const MESSAGE_REASONS: Record<EndStatus, string> = {
  cancelled: 'run_cancelled',
  failed: 'run_failed',
  expired: 'run_expired',
  incomplete: 'max_tokens',
}

/**
 * @param deps - state, hub, clock, ids and model
 * @returns the engine
 */
export function createRunEngine(deps: EngineDeps): RunEngine {
  const context = (thread: ThreadRecord, record: RunRecord): RunContext => ({
    thread,
    record,
    emit: (event, data) => deps.hub.publish(record.run.id, { event, data: JSON.stringify(data) }),
    done: () => deps.hub.publish(record.run.id, { event: 'done', data: '[DONE]' }),
  })

  const toInProgress = (ctx: RunContext): void => {
    ctx.record.run.status = 'in_progress'
    ctx.record.run.started_at = nowSeconds(deps.clock)
    ctx.emit('thread.run.in_progress', ctx.record.run)
  }

  const end: RunEngine['end'] = (thread, record, status, detail = {}) => {
    if (!ACTIVE_STATUSES.includes(record.run.status)) return
    record.abort.abort()
    record.resume = undefined
    const ctx = context(thread, record)
    const now = nowSeconds(deps.clock)
    const error = { code: detail.code ?? 'server_error', message: detail.message ?? 'Sorry, something went wrong.' }
    const { message, step } = record.current
    if (message?.status === 'in_progress') {
      message.status = 'incomplete'
      message.incomplete_at = now
      message.incomplete_details = { reason: MESSAGE_REASONS[status] }
      ctx.emit('thread.message.incomplete', message)
    }
    if (step?.status === 'in_progress') {
      if (status === 'incomplete') {
        step.status = 'completed'
        step.completed_at = now
      } else {
        step.status = status
        if (status === 'cancelled') step.cancelled_at = now
        if (status === 'failed') {
          step.failed_at = now
          step.last_error = error
        }
      }
      emitStep(ctx, `thread.run.step.${step.status}`, step)
    }
    record.current = {}
    const { run } = record
    run.status = status
    run.required_action = null
    if (status !== 'expired') run.expires_at = null
    if (status === 'cancelled') run.cancelled_at = now
    if (status === 'failed') {
      run.failed_at = now
      run.last_error = error
    }
    if (status === 'incomplete') run.incomplete_details = { reason: 'max_completion_tokens' }
    run.usage = sumUsage(record.steps.map((item) => item.usage))
    ctx.emit(`thread.run.${status}`, run)
    ctx.done()
  }

  const plan = async (thread: ThreadRecord, record: RunRecord): Promise<ReplyPlan> =>
    deps.model({
      messages: structuredClone(thread.messages),
      run: structuredClone(record.run),
      tools: structuredClone(record.run.tools),
      toolOutputs: structuredClone(record.toolOutputs),
    })

  const drive = async (thread: ThreadRecord, record: RunRecord): Promise<void> => {
    const { signal } = record.abort
    const ctx: StepContext = {
      ...context(thread, record),
      deps,
      promptTokens: 0,
      pace: async () => {
        if (record.tokenDelayMs > 0) await deps.clock.sleep(record.tokenDelayMs, signal)
        signal.throwIfAborted()
      },
    }
    try {
      // Let the request that created the run answer first (it reports the run `queued`).
      await Promise.resolve()
      signal.throwIfAborted()
      ctx.emit('thread.run.queued', record.run)
      toInProgress(ctx)
      for (;;) {
        const outcome = record.outcome
        if (outcome && outcome.afterDeltas === undefined) return end(thread, record, outcome.status, outcome)
        const next = await plan(thread, record)
        signal.throwIfAborted()
        ctx.promptTokens = countTokens([
          record.run.instructions,
          ...thread.messages.map((message) => contentText(message.content)),
          ...record.toolOutputs.map((item) => item.output),
        ])
        if (next.fileSearch) await fileSearchStep(ctx, next.fileSearch.results)
        if (next.toolCalls && next.toolCalls.length > 0) {
          await functionCallStep(ctx, next.toolCalls)
          signal.throwIfAborted()
          await new Promise<void>((resolve, reject) => {
            record.resume = resolve
            signal.addEventListener('abort', () => reject(signal.reason), { once: true })
          })
          toInProgress(ctx)
          continue
        }
        const tokens = next.tokens ?? tokenize(next.text ?? '')
        const finished = await messageStep(ctx, tokens, record.outcome?.afterDeltas)
        if (!finished) {
          if (record.outcome) end(thread, record, record.outcome.status, record.outcome)
          return
        }
        record.run.status = 'completed'
        record.run.completed_at = nowSeconds(deps.clock)
        record.run.expires_at = null
        record.run.usage = sumUsage(record.steps.map((item) => item.usage))
        ctx.emit('thread.run.completed', record.run)
        ctx.done()
        return
      }
    } catch (error) {
      // An abort means whoever aborted (cancel, a forced end, delete, reset) finalizes the run.
      if (signal.aborted) return
      const reason = error instanceof Error ? error.message : String(error)
      end(thread, record, 'failed', { code: 'server_error', message: `The emulator's model failed: ${reason}` })
    }
  }

  return {
    start(thread, record) {
      context(thread, record).emit('thread.run.created', record.run)
      void drive(thread, record)
    },
    submit(thread, record, outputs) {
      const ctx: StepContext = { ...context(thread, record), deps, promptTokens: 0, pace: async () => {} }
      const step = record.current.step
      if (step?.step_details.type === 'tool_calls') {
        for (const call of step.step_details.tool_calls) {
          const output = outputs.find((item) => item.tool_call_id === call.id)
          if (call.type === 'function' && output) call.function.output = output.output
        }
        ctx.promptTokens = countTokens(outputs.map((item) => item.output))
        completeStep(ctx, step, countTokens(outputs.map((item) => item.arguments)))
      }
      record.toolOutputs.push(...outputs)
      record.run.status = 'queued'
      record.run.required_action = null
      ctx.emit('thread.run.queued', record.run)
      const resume = record.resume
      record.resume = undefined
      resume?.()
    },
    cancel(thread, record) {
      const { status } = record.run
      if (!ACTIVE_STATUSES.includes(status) || status === 'cancelling') {
        throw badRequest(`Cannot cancel run with status '${status}'.`)
      }
      record.run.status = 'cancelling'
      const snapshot = structuredClone(record.run)
      // Stop producing tokens now; the run settles as `cancelled` one token delay later, so `cancelling` is observable.
      record.abort.abort()
      if (record.tokenDelayMs <= 0) end(thread, record, 'cancelled')
      else void deps.clock.sleep(record.tokenDelayMs).then(() => end(thread, record, 'cancelled'))
      return snapshot
    },
    end,
    expireIfDue(thread, record) {
      const { run } = record
      if (run.status === 'requires_action' && run.expires_at !== null && deps.clock.now() >= run.expires_at * 1000) {
        end(thread, record, 'expired', { code: 'server_error', message: 'The run expired.' })
      }
    },
  }
}
