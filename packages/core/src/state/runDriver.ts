import type { Client } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import { isActiveRunStatus, type Message, type Run, type RunStep } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import { pause } from './pause.ts'
import { initialRunState, type RunState, withRun } from './runState.ts'
import type { RunOverrides } from './storeOptions.ts'
import type { ThreadModel } from './threadModel.ts'
import type { ToolCallState } from './threadSnapshot.ts'
import { runTools, type ToolCall, type ToolOutput, toolOutputs } from './toolCalls.ts'

/** The thread lock and everything that happens while a run holds it. */
export interface RunDriver {
  /** Whether a run holds the thread. */
  busy(): boolean
  /** Resolves when no run holds the thread. */
  idle(): Promise<void>
  /** Creates a run and streams it; resolves once the run is under way (not when it ends). */
  start(overrides: RunOverrides): Promise<void>
  /**
   * Follows the thread's newest run by polling when it is active and not ours (a reload mid-run, another tab, a
   * back-end job); returns whether it did.
   */
  follow(): Promise<boolean>
  cancel(): Promise<void>
  submit(outputs: readonly ToolOutput[]): Promise<void>
  /** Drops the current run without touching the server (store teardown: its requests are aborted). */
  detach(): void
}

/**
 * The run that holds the thread. It is the AbortController of its requests: a cancel, a teardown or a thread switch
 * aborts it. Aborted while still current means cancelled (a teardown or switch first drops it).
 */
interface ActiveRun extends AbortController {
  /** Created by this store (not followed). */
  readonly own: boolean
  id: string | null | undefined
  /** Resumes a run that waits for the app's tool outputs. */
  wake?: () => void
  /** Stores the reply once the run ended (a response cache missed). */
  save?: (run: Run, steps: readonly RunStep[], messages: readonly Message[]) => Promise<void>
  readonly done: Promise<void>
  finish(): void
}

/**
 * Creates the run driver of a thread store: one active run at a time, streamed, resumed by polling after a drop,
 * continued through client-side tools, answered from the response cache, and cancelled for real.
 *
 * @param model - the store's model
 * @param client - the client
 * @param sync - re-lists the thread after a run that was polled (its messages did not all stream)
 * @returns the driver
 */
export function createRunDriver(
  model: ThreadModel,
  client: Client,
  sync: (runId: string, signal: AbortSignal) => Promise<unknown>,
): RunDriver {
  let current: ActiveRun | null = null
  /** The newest run the thread had before this store's run: a drop before `run.created` must not take it for ours. */
  let lastRunId: string | null = null

  const latestRun = async (signal: AbortSignal): Promise<Run | undefined> =>
    (await client.runs.list(model.id!, { limit: 1, order: 'desc' }, { signal }).firstPage()).data[0]

  /** Makes `run` (null: one this store is about to create) the current run. */
  function begin(run: Run | null): ActiveRun {
    let finish!: () => void
    const done = new Promise<void>((resolve) => (finish = resolve))
    current = Object.assign(new AbortController(), { own: !run, id: run?.id, done, finish })
    // A run is `queued` from the start, so no snapshot shows the new run next to the old status; a followed run then
    // takes its own status (and, waiting for tool outputs, shows its calls).
    model.tools = new Map()
    model.error = null
    model.status = 'queued'
    model.setRun({ ...initialRunState(), run })
    return current
  }

  /** Applies a run object fetched over REST (poll, cache). */
  const applyRun = (run: Run) => model.setRun(withRun(model.runState, run))

  /**
   * The id of this store's run when it never arrived (the stream dropped, or a cancel came, before `run.created`):
   * the thread's newest run, unless that is the run the thread had before (then the create never reached the server).
   */
  async function runId(active: ActiveRun, signal: AbortSignal): Promise<string | null | undefined> {
    if (!active.id) {
      const latest = await latestRun(signal)
      if (latest && latest.id !== lastRunId) active.id = latest.id
    }
    if (active.own && active.id) model.own.add(active.id)
    return active.id
  }

  function end(active: ActiveRun): void {
    if (current !== active) return
    current = null
    if (active.id) {
      lastRunId = active.id
      if (active.own) model.own.add(active.id)
    }
    const { run, messages, steps } = model.runState
    // Finished run messages join the committed list as the same objects, so they never re-render.
    model.merge(messages.filter((message) => message.status !== 'in_progress'))
    if (run) {
      if (!isActiveRunStatus(run.status)) model.options.onRunEnd?.(run)
      active.save?.(run, steps, model.committed).catch(model.report)
    }
    active.finish()
  }

  /**
   * Polls until the run is terminal or waits for tool outputs. A terminal run is published only after the messages
   * were re-listed, so no snapshot shows a finished run next to a half-streamed reply.
   */
  async function poll(active: ActiveRun, signal: AbortSignal, recovered?: AssistantsError): Promise<Run> {
    const id = (await runId(active, signal))!
    // Meanwhile the run's messages are re-listed at the poll interval, so a reply that is no longer streamed to us (a
    // dropped stream, a run followed after a reload) keeps growing instead of standing still until the run ends.
    // The poll ends the loop (an abort of `signal` ends the poll); a re-list under way is awaited, so it cannot land
    // after the last one below.
    const polled = new AbortController()
    const progress = (async () => {
      for (;;) {
        await pause(model.options.pollIntervalMs ?? 1_000, polled.signal)
        if (polled.signal.aborted || current !== active) return
        // A failed re-list is tried again at the next tick; the poll itself reports what goes wrong.
        await sync(id, signal).catch(() => undefined)
      }
    })()
    let run: Run
    try {
      run = await client.runs.poll(model.id!, id, { signal, intervalMs: model.options.pollIntervalMs })
    } finally {
      polled.abort()
      await progress
    }
    if (current === active) {
      if (run.status !== 'requires_action') await sync(id, signal)
      // The stream error this poll recovered from goes in the snapshot that shows how the run ended.
      if (recovered && model.error === recovered) model.error = null
      applyRun(run)
    }
    return run
  }

  /**
   * Drives a run until it is terminal, waiting for the app's tool outputs when asked. `open: null` starts by polling.
   * A stream that drops (network, stream error) is followed by polling. A cancel aborts whatever is under way, then
   * cancels the run on the server and polls it to its end.
   */
  async function drive(active: ActiveRun, open: ((from: RunState) => RunStream) | null): Promise<void> {
    const { signal } = active
    try {
      for (;;) {
        // Undefined until known: a run that dropped (or is followed) is polled.
        let run: Run | null | undefined
        // A stream error that polling recovers from: shown while the run is polled, cleared when it has been followed.
        let recovered: AssistantsError | undefined
        if (open) {
          try {
            // The stream folds its events onto the store's run state (so a tool-output stream continues the run as
            // shown), and the store shows its state: each event is reduced once.
            const stream = open(model.runState)
            for await (const event of stream) {
              if (current !== active) return
              model.setRun(stream.state(), event.event.endsWith('.delta'))
              active.id ??= model.runState.run?.id
            }
            run = model.runState.run
          } catch (cause) {
            // Aborted (a cancel, or dropped by a teardown) is no drop: the outer catch tells which.
            const dropped =
              !signal.aborted &&
              AssistantsError.is(cause) &&
              (cause.code === 'network' || cause.code === 'stream_error')
            if (!dropped || !(await runId(active, signal))) throw cause
            if (cause.code === 'stream_error') recovered = model.report(cause)
          }
        }
        if (run === undefined) run = await poll(active, signal, recovered)
        if (current !== active) return
        if (run?.status !== 'requires_action') return end(active)
        await runTools(run, model.options.tools ?? {}, signal, track)
        // The app submits the rest: `submit` wakes this loop once every output is known, so one loop drives a run.
        if (!toolOutputs(run, model.tools)) await new Promise<void>((resolve) => (active.wake = resolve))
        signal.throwIfAborted()
        const body = { tool_outputs: toolOutputs(run, model.tools)! }
        open = (from) =>
          client.runs.submitToolOutputsStream(model.id!, active.id!, body, { signal, initialState: from })
      }
    } catch (cause) {
      if (current !== active) return
      if (signal.aborted) {
        const life = model.life
        try {
          // With the id unknown (the create was in flight), the server may have made the run anyway.
          if (!(await runId(active, life))) model.set({ status: 'cancelled' })
          else {
            // A 400 means the run ended before the cancel arrived, which is fine: the poll reads how.
            await client.runs.cancel(model.id!, active.id!, { signal: life }).catch((error: unknown) => {
              if (!(AssistantsError.is(error) && error.status === 400)) throw error
            })
            await poll(active, life)
          }
        } catch (error) {
          model.report(error)
        }
      } else if (model.report(cause) && !model.runState.run) model.set({ status: 'failed' })
      end(active)
    }
  }

  /** Records what became of a tool call (its output is what gets submitted). */
  const track = (call: ToolCall, status: ToolCallState['status'], output: string | null) =>
    model.set({ tools: new Map(model.tools).set(call.id, { ...call, output, status }) })

  async function idle(): Promise<void> {
    while (current) await current.done
  }

  return {
    busy: () => !!current,
    idle,
    async start(overrides) {
      const threadId = model.id!
      const active = begin(null)
      const { signal } = active
      // The send queue refuses run-starting sends without an assistant.
      const { cache, assistantId } = model.options
      // A response cache answers before any run is created; its trouble is reported and never blocks a live run.
      const found =
        cache &&
        (await cache
          .beforeRun(client, threadId, { assistantId: assistantId!, runOptions: overrides, signal })
          .catch((cause: unknown) => void model.report(cause)))
      if (current !== active) return
      if (found && 'run' in found) {
        model.merge([found.message])
        applyRun(found.run)
        return end(active)
      }
      if (found) active.save = found.save
      const body = { ...overrides, assistant_id: assistantId! }
      void drive(active, (from) => client.runs.stream(threadId, body, undefined, { signal, initialState: from }))
    },
    async follow() {
      const life = model.life
      const run = await latestRun(life)
      if (life.aborted || !run) return false
      lastRunId ??= run.id
      if (current || !isActiveRunStatus(run.status)) return false
      void drive(begin(run), null)
      return true
    },
    async cancel() {
      const active = current
      if (active && !active.signal.aborted) {
        model.set({ status: 'cancelling' })
        // The run's loop sees the abort wherever it is (a stream, a poll, its tools) and cancels on the server.
        active.abort()
        active.wake?.()
      }
      await active?.done
    },
    async submit(outputs) {
      const active = current
      const run = model.runState.run
      if (!active || run?.status !== 'requires_action') {
        throw new TypeError('submitToolOutputs: no run is waiting for tool outputs.')
      }
      for (const { tool_call_id, output } of outputs) {
        const call = model.tools.get(tool_call_id)
        if (call) track(call, 'done', output)
      }
      if (toolOutputs(run, model.tools)) {
        active.wake?.()
        await active.done
      }
    },
    detach() {
      current?.abort()
      current?.finish()
      current = null
    },
  }
}
