import type { Client } from '../client/createClient.ts'
import { AssistantsError, isAbortError } from '../errors.ts'
import { isTerminalRunStatus, type Run } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import type { ThreadStoreOptions } from './createThreadStore.ts'
import { type RunState, reduceRun } from './reduceRun.ts'
import type { ThreadStatus } from './threadSnapshot.ts'
import { requiredCalls, runTools, type ToolLocal, type ToolOutput } from './toolCalls.ts'

/** What the run driver needs from its thread store. */
export interface RunDriverContext {
  readonly client: Client
  threadId(): string | null
  /** The store's lifecycle signal: aborted on teardown and thread switch. */
  signal(): AbortSignal
  options(): ThreadStoreOptions
  getRunState(): RunState
  setRunState(next: RunState, throttled: boolean): void
  setStatus(status: ThreadStatus): void
  setToolLocal(id: string, local: ToolLocal): void
  /** Starts a new run record (`null` while the run is being created). */
  resetRun(run: Run | null): void
  /** Lists messages newer than the newest committed one. */
  refresh(signal: AbortSignal): Promise<void>
  report(error: unknown): void
  /** Commits the run's finished messages that are not committed yet. */
  commitRunMessages(): void
}

/** The thread lock and everything that happens while a run holds it. */
export interface RunDriver {
  /** Whether a run holds the thread. */
  busy(): boolean
  /** Resolves when no run holds the thread. */
  idle(): Promise<void>
  /** Creates a run and streams it. */
  start(overrides: Readonly<Record<string, unknown>>): void
  /** Follows a run that is already active (found on load, or started elsewhere) by polling. */
  follow(run: Run): void
  /** Waits until `runId` (named by the API's thread-lock error) has ended. */
  waitFor(runId: string): Promise<void>
  cancel(): Promise<void>
  submit(outputs: readonly ToolOutput[]): Promise<void>
  /** Drops the current run without touching the server (store teardown). */
  detach(): void
}

interface ActiveRun {
  readonly controller: AbortController
  id: string | null
  stream: RunStream | null
  cancelling: boolean
  outputs: ToolOutput[]
  readonly done: Promise<void>
  readonly finish: () => void
}

/** Applies a run object fetched over REST (poll, cancel) to a run state. */
function withRun(state: RunState, run: Run): RunState {
  return {
    ...state,
    status: run.status,
    run,
    requiredAction: run.required_action ?? null,
    usage: run.usage ?? state.usage,
    lastError: run.last_error ?? state.lastError,
  }
}

const THROTTLED_EVENTS: ReadonlySet<string> = new Set(['thread.message.delta', 'thread.run.step.delta'])

/**
 * Creates the run driver of a thread store: one active run at a time, streamed, resumed by polling after a drop,
 * continued through client-side tools, and cancelled for real.
 *
 * @param ctx - the store's model accessors
 * @returns the driver
 */
export function createRunDriver(ctx: RunDriverContext): RunDriver {
  let current: ActiveRun | null = null

  function begin(run: Run | null): ActiveRun {
    let finish: () => void = () => {}
    const done = new Promise<void>((resolve) => {
      finish = resolve
    })
    const active: ActiveRun = {
      controller: new AbortController(),
      id: run?.id ?? null,
      stream: null,
      cancelling: false,
      outputs: [],
      done,
      finish,
    }
    current = active
    ctx.resetRun(run)
    return active
  }

  const signalOf = (active: ActiveRun): AbortSignal => AbortSignal.any([ctx.signal(), active.controller.signal])

  function threadIdOrThrow(): string {
    const id = ctx.threadId()
    if (id === null) throw new TypeError('The store has no thread yet.')
    return id
  }

  function end(active: ActiveRun): void {
    if (current !== active) return
    ctx.commitRunMessages()
    current = null
    const run = ctx.getRunState().run
    if (run !== null && (run.status === 'failed' || run.status === 'expired')) {
      const reason = run.last_error?.message ?? `The run ended ${run.status}.`
      ctx.report(new AssistantsError('run_failed', `Run ${run.id} ${run.status}: ${reason}`, { body: run.last_error }))
    }
    if (run !== null && isTerminalRunStatus(run.status)) ctx.options().onRunEnd?.(run)
    active.finish()
  }

  /**
   * Polls until the run is terminal or waits for tool outputs. A terminal run is published only after the messages
   * were re-listed, so no snapshot shows a finished run next to a half-streamed reply.
   */
  async function poll(active: ActiveRun, runId: string | null, signal: AbortSignal): Promise<Run> {
    if (runId === null) throw new TypeError('Cannot poll a run whose id is unknown.')
    const intervalMs = ctx.options().pollIntervalMs
    const run = await ctx.client.runs.poll(threadIdOrThrow(), runId, {
      signal,
      ...(intervalMs === undefined ? {} : { intervalMs }),
    })
    if (current !== active) return run
    if (run.status !== 'requires_action') await ctx.refresh(signal)
    ctx.setRunState(withRun(ctx.getRunState(), run), false)
    return run
  }

  function openSubmit(active: ActiveRun, outputs: readonly ToolOutput[]): RunStream {
    if (active.id === null) throw new TypeError('Cannot submit tool outputs for a run whose id is unknown.')
    return ctx.client.runs.submitToolOutputsStream(
      threadIdOrThrow(),
      active.id,
      { tool_outputs: [...outputs] },
      { signal: signalOf(active) },
    )
  }

  /** Reads one stream to its end. Returns whether the run must be followed by polling (the stream dropped). */
  async function read(active: ActiveRun, stream: RunStream): Promise<'ended' | 'dropped' | 'gone'> {
    active.stream = stream
    try {
      for await (const event of stream) {
        if (current !== active) return 'gone'
        ctx.setRunState(reduceRun(ctx.getRunState(), event), THROTTLED_EVENTS.has(event.event))
        active.id ??= ctx.getRunState().run?.id ?? null
      }
      return 'ended'
    } catch (cause) {
      if (current !== active || active.cancelling || isAbortError(cause)) return 'gone'
      const resumable = AssistantsError.is(cause) && (cause.code === 'network' || cause.code === 'stream_error')
      if (!resumable || active.id === null) throw cause
      if (cause.code === 'stream_error') ctx.report(cause)
      return 'dropped'
    }
  }

  /** Drives a run until it is terminal, or waits for the app's tool outputs. `stream: null` starts by polling. */
  async function drive(active: ActiveRun, first: RunStream | null): Promise<void> {
    let stream = first
    try {
      for (;;) {
        const outcome = stream === null ? 'dropped' : await read(active, stream)
        if (outcome === 'gone' || current !== active) return
        const run = outcome === 'dropped' ? await poll(active, active.id, signalOf(active)) : ctx.getRunState().run
        if (current !== active) return
        if (run?.status === 'requires_action') {
          const outputs = await runTools(
            requiredCalls(run),
            ctx.options().tools ?? {},
            signalOf(active),
            ctx.setToolLocal,
          )
          active.outputs = outputs
          if (outputs.length < requiredCalls(run).length) return // the app submits the rest
          stream = openSubmit(active, outputs)
          continue
        }
        end(active)
        return
      }
    } catch (cause) {
      if (current !== active || active.cancelling) return
      if (!isAbortError(cause)) {
        ctx.report(cause)
        if (ctx.getRunState().run === null) ctx.setStatus('failed')
      }
      end(active)
    }
  }

  async function idle(): Promise<void> {
    while (current !== null) await current.done
  }

  return {
    busy: () => current !== null,
    idle,
    start(overrides) {
      const threadId = threadIdOrThrow()
      const active = begin(null)
      const body = { ...overrides, assistant_id: ctx.options().assistantId }
      let stream: RunStream
      try {
        stream = ctx.client.runs.stream(threadId, body as never, undefined, { signal: signalOf(active) })
      } catch (cause) {
        ctx.report(cause)
        ctx.setStatus('failed')
        end(active)
        return
      }
      void drive(active, stream)
    },
    follow(run) {
      if (current !== null || isTerminalRunStatus(run.status)) return
      void drive(begin(run), null)
    },
    async waitFor(runId) {
      if (current === null) {
        const run = await ctx.client.runs.retrieve(threadIdOrThrow(), runId, { signal: ctx.signal() })
        if (isTerminalRunStatus(run.status)) return
        void drive(begin(run), null)
      }
      await idle()
    },
    async cancel() {
      const active = current
      if (active === null) return
      if (active.cancelling) return active.done
      active.cancelling = true
      ctx.setStatus('cancelling')
      active.controller.abort(new DOMException('The run was cancelled.', 'AbortError'))
      const signal = ctx.signal()
      try {
        const threadId = threadIdOrThrow()
        let runId = active.id ?? ctx.getRunState().run?.id ?? null
        if (runId === null) {
          // The create request was in flight: the server may have made the run anyway.
          const latest = (await ctx.client.runs.list(threadId, { limit: 1 }, { signal }).firstPage()).data[0]
          if (latest !== undefined && !isTerminalRunStatus(latest.status)) runId = latest.id
        }
        if (runId === null) {
          ctx.setStatus('cancelled')
        } else {
          await ctx.client.runs.cancel(threadId, runId, { signal }).catch((cause: unknown) => {
            // 400: the run ended before the cancel arrived; the poll below reads how.
            if (!(AssistantsError.is(cause) && cause.status === 400)) throw cause
          })
          await poll(active, runId, signal)
        }
      } catch (cause) {
        ctx.report(cause)
      } finally {
        end(active)
      }
    },
    async submit(outputs) {
      const active = current
      const run = ctx.getRunState().run
      if (active === null || run?.status !== 'requires_action') {
        throw new TypeError('submitToolOutputs: the run is not waiting for tool outputs.')
      }
      const given = new Set(outputs.map((output) => output.tool_call_id))
      active.outputs = [...active.outputs.filter((output) => !given.has(output.tool_call_id)), ...outputs]
      for (const output of outputs) ctx.setToolLocal(output.tool_call_id, { status: 'done', output: output.output })
      if (requiredCalls(run).some((call) => !active.outputs.some((output) => output.tool_call_id === call.id))) return
      let stream: RunStream
      try {
        stream = openSubmit(active, active.outputs)
      } catch (cause) {
        ctx.report(cause)
        end(active)
        return
      }
      void drive(active, stream)
      await active.done
    },
    detach() {
      const active = current
      if (active === null) return
      current = null
      active.controller.abort(new DOMException('The thread store was torn down.', 'AbortError'))
      active.finish()
    },
  }
}
