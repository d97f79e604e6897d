import { anySignal } from '../anySignal.ts'
import type { Client } from '../client/createClient.ts'
import { AssistantsError, isAbortError } from '../errors.ts'
import { isTerminalRunStatus, type Run } from '../schemas/index.ts'
import type { RunStream } from '../stream/createRunStream.ts'
import { reduceRun } from './reduceRun.ts'
import { lookupReply, saveReply } from './runCache.ts'
import { commitRunMessages, resetRunState, setRunState, setToolLocal, THROTTLED_EVENTS, withRun } from './runModel.ts'
import { cancelOnServer, latestRun } from './serverRuns.ts'
import type { RunOverrides } from './storeOptions.ts'
import type { ThreadModel } from './threadModel.ts'
import { requiredCalls, runTools, type ToolLocal, type ToolOutput } from './toolCalls.ts'

/** The thread lock and everything that happens while a run holds it. */
export interface RunDriver {
  /** Whether a run holds the thread. */
  busy(): boolean
  /** Resolves when no run holds the thread. */
  idle(): Promise<void>
  /** Creates a run and streams it; resolves once the run is under way (not when it ends). */
  start(overrides: RunOverrides): Promise<void>
  /** Follows a run that is already active (found on load, or started elsewhere) by polling. */
  follow(run: Run): void
  /** Waits until `runId` (named by the API's thread-lock error) has ended. */
  waitFor(runId: string): Promise<void>
  cancel(): Promise<void>
  submit(outputs: readonly ToolOutput[]): Promise<void>
  /** Records the newest run the thread had before this store started one (so a drop before `run.created` can
   * tell its own run from an older one). */
  note(runId: string): void
  /** Whether this store created the run (its messages are replies to our sends, not arrivals from elsewhere). */
  isOwnRun(runId: string): boolean
  /** Drops the current run without touching the server (store teardown). */
  detach(): void
}

interface ActiveRun {
  /** Created by this store (not followed). */
  readonly own: boolean
  /** The response-cache key of this run's reply, when a cache is configured and missed. */
  cacheKey: string | null
  readonly controller: AbortController
  /** Aborted by a cancel, a teardown or a thread switch: every request of this run uses it. */
  readonly signal: AbortSignal
  id: string | null
  cancelling: boolean
  outputs: ToolOutput[]
  readonly done: Promise<void>
  readonly finish: () => void
}

/**
 * Creates the run driver of a thread store: one active run at a time, streamed, resumed by polling after a drop,
 * continued through client-side tools, and cancelled for real.
 *
 * @param model - the store's model
 * @param client - the client
 * @param hooks - `sync` lists the messages newer than what the store has (after a drop, a cancel, a followed run);
 *   `markOwn` notes a message the store posted itself (a cached reply)
 * @returns the driver
 */
export function createRunDriver(
  model: ThreadModel,
  client: Client,
  hooks: {
    sync(signal: AbortSignal): Promise<unknown>
    syncRun(runId: string, signal: AbortSignal): Promise<void>
    markOwn(id: string): void
  },
): RunDriver {
  const sync = hooks.sync
  let current: ActiveRun | null = null
  let lastRunId: string | null = null
  const ownRuns = new Set<string>()

  function noteId(active: ActiveRun, id: string | null): void {
    if (id === null || active.id !== null) return
    active.id = id
    if (active.own) ownRuns.add(id)
  }

  function begin(run: Run | null, own: boolean): ActiveRun {
    let finish: () => void = () => {}
    const done = new Promise<void>((resolve) => {
      finish = resolve
    })
    const controller = new AbortController()
    const active: ActiveRun = {
      own,
      cacheKey: null,
      controller,
      signal: anySignal([model.lifecycle.signal, controller.signal]),
      id: run?.id ?? null,
      cancelling: false,
      outputs: [],
      done,
      finish,
    }
    current = active
    resetRunState(model, run)
    return active
  }

  function threadIdOrThrow(): string {
    const id = model.threadId
    if (id === null) throw new TypeError('The store has no thread yet.')
    return id
  }

  function end(active: ActiveRun): void {
    if (current !== active) return
    if (active.id !== null) lastRunId = active.id
    commitRunMessages(model)
    current = null
    const run = model.runState.run
    if (run !== null && isTerminalRunStatus(run.status)) model.options.onRunEnd?.(run)
    if (run !== null && active.cacheKey !== null) saveReply(model, active.cacheKey, run)
    active.finish()
  }

  /**
   * Polls until the run is terminal or waits for tool outputs. A terminal run is published only after the messages
   * were re-listed, so no snapshot shows a finished run next to a half-streamed reply.
   */
  async function poll(active: ActiveRun, runId: string | null, signal: AbortSignal): Promise<Run> {
    if (runId === null) throw new TypeError('Cannot poll a run whose id is unknown.')
    const intervalMs = model.options.pollIntervalMs
    const run = await client.runs.poll(threadIdOrThrow(), runId, {
      signal,
      ...(intervalMs === undefined ? {} : { intervalMs }),
    })
    if (current !== active) return run
    if (run.status !== 'requires_action') {
      await sync(signal)
      await hooks.syncRun(runId, signal)
    }
    setRunState(model, withRun(model.runState, run), false)
    return run
  }

  function openSubmit(active: ActiveRun, outputs: readonly ToolOutput[]): RunStream {
    if (active.id === null) throw new TypeError('Cannot submit tool outputs for a run whose id is unknown.')
    return client.runs.submitToolOutputsStream(
      threadIdOrThrow(),
      active.id,
      { tool_outputs: [...outputs] },
      { signal: active.signal },
    )
  }

  /** Reads one stream to its end. Returns whether the run must be followed by polling (the stream dropped). */
  async function read(active: ActiveRun, stream: RunStream): Promise<'ended' | 'dropped' | 'gone'> {
    try {
      for await (const event of stream) {
        if (current !== active) return 'gone'
        setRunState(model, reduceRun(model.runState, event), THROTTLED_EVENTS.has(event.event))
        noteId(active, model.runState.run?.id ?? null)
      }
      return 'ended'
    } catch (cause) {
      if (current !== active || active.cancelling || isAbortError(cause)) return 'gone'
      const resumable = AssistantsError.is(cause) && (cause.code === 'network' || cause.code === 'stream_error')
      if (!resumable) throw cause
      noteId(active, await findOwnRun(active))
      if (active.id === null) throw cause
      if (cause.code === 'stream_error') model.report(cause)
      return 'dropped'
    }
  }

  /**
   * The run this store created when the stream dropped before `thread.run.created`: the thread's newest run, unless
   * that is the run the thread had before (then the create never reached the server).
   */
  async function findOwnRun(active: ActiveRun): Promise<string | null> {
    const latest = await latestRun(client, threadIdOrThrow(), active.signal)
    return latest !== undefined && latest.id !== lastRunId ? latest.id : null
  }

  /** Drives a run until it is terminal, or waits for the app's tool outputs. `stream: null` starts by polling. */
  async function drive(active: ActiveRun, first: RunStream | null): Promise<void> {
    let stream = first
    try {
      for (;;) {
        const outcome = stream === null ? 'dropped' : await read(active, stream)
        if (outcome === 'gone' || current !== active) return
        const run = outcome === 'dropped' ? await poll(active, active.id, active.signal) : model.runState.run
        if (current !== active) return
        if (run?.status === 'requires_action') {
          const track = (id: string, local: ToolLocal) => setToolLocal(model, id, local)
          const outputs = await runTools(requiredCalls(run), model.options.tools ?? {}, active.signal, track)
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
        model.report(cause)
        if (model.runState.run === null) model.setStatus('failed')
      }
      end(active)
    }
  }

  /**
   * Checks the response cache before a run (see runCache.ts). Returns true when the run is over: answered from the
   * cache, or dropped meanwhile. Cache trouble is reported and never blocks a live run.
   */
  async function answeredFromCache(active: ActiveRun, threadId: string, overrides: RunOverrides): Promise<boolean> {
    try {
      const outcome = await lookupReply(model, client, threadId, overrides, active.signal, () => current === active)
      if (current !== active) return true
      if (outcome === null) return false
      if ('key' in outcome) {
        active.cacheKey = outcome.key
        return false
      }
      hooks.markOwn(outcome.message.id)
      model.commit([outcome.message])
      setRunState(model, withRun(model.runState, outcome.run), false)
      end(active)
      return true
    } catch (cause) {
      if (current !== active || isAbortError(cause)) return true
      model.report(cause)
      return false
    }
  }

  async function idle(): Promise<void> {
    while (current !== null) await current.done
  }

  return {
    busy: () => current !== null,
    idle,
    async start(overrides) {
      const threadId = threadIdOrThrow()
      const active = begin(null, true)
      if (await answeredFromCache(active, threadId, overrides)) return
      let stream: RunStream
      try {
        // The send queue refuses run-starting sends without an assistant, so this throws only on misuse.
        const assistantId = model.options.assistantId
        if (assistantId === undefined) throw new TypeError('This store has no assistantId: set one to start runs.')
        const body = { ...overrides, assistant_id: assistantId }
        stream = client.runs.stream(threadId, body, undefined, { signal: active.signal })
      } catch (cause) {
        model.report(cause)
        model.setStatus('failed')
        end(active)
        return
      }
      void drive(active, stream)
    },
    follow(run) {
      if (current !== null || isTerminalRunStatus(run.status)) return
      void drive(begin(run, false), null)
    },
    async waitFor(runId) {
      if (current === null) {
        const run = await client.runs.retrieve(threadIdOrThrow(), runId, { signal: model.lifecycle.signal })
        if (isTerminalRunStatus(run.status)) return
        void drive(begin(run, false), null)
      }
      await idle()
    },
    async cancel() {
      const active = current
      if (active === null) return
      if (active.cancelling) return active.done
      active.cancelling = true
      model.setStatus('cancelling')
      active.controller.abort(new DOMException('The run was cancelled.', 'AbortError'))
      const signal = model.lifecycle.signal
      try {
        const known = active.id ?? model.runState.run?.id ?? null
        const runId = await cancelOnServer(client, threadIdOrThrow(), known, signal)
        if (runId === null) model.setStatus('cancelled')
        else await poll(active, runId, signal)
      } catch (cause) {
        model.report(cause)
      } finally {
        end(active)
      }
    },
    async submit(outputs) {
      const active = current
      const run = model.runState.run
      if (active === null || run?.status !== 'requires_action') {
        throw new TypeError('submitToolOutputs: the run is not waiting for tool outputs.')
      }
      const given = new Set(outputs.map((output) => output.tool_call_id))
      active.outputs = [...active.outputs.filter((output) => !given.has(output.tool_call_id)), ...outputs]
      for (const output of outputs) setToolLocal(model, output.tool_call_id, { status: 'done', output: output.output })
      if (requiredCalls(run).some((call) => !active.outputs.some((output) => output.tool_call_id === call.id))) return
      let stream: RunStream
      try {
        stream = openSubmit(active, active.outputs)
      } catch (cause) {
        model.report(cause)
        end(active)
        return
      }
      void drive(active, stream)
      await active.done
    },
    note(runId) {
      lastRunId ??= runId
    },
    isOwnRun: (runId) => ownRuns.has(runId),
    detach() {
      const active = current
      if (active === null) return
      current = null
      active.controller.abort(new DOMException('The thread store was torn down.', 'AbortError'))
      active.finish()
    },
  }
}
