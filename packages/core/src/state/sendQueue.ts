import type { Client } from '../client/createClient.ts'
import { AssistantsError, isAbortError } from '../errors.ts'
import { createRow, type PendingParams, type PendingRow, withStatus } from './messageRows.ts'
import type { RunDriver } from './runDriver.ts'
import type { RunOverrides } from './storeOptions.ts'
import type { ThreadModel } from './threadModel.ts'
import type { LocalMessage, ThreadMessage } from './threadSnapshot.ts'

/** Optimistic sends and the thread lock: rows show at once, go out in order, and wait for any active run. */
export interface SendQueue {
  /** Adds a row and starts delivering; resolves to the server message, or the failed row. */
  enqueue(params: PendingParams, wantsRun: boolean, runOverrides?: RunOverrides): Promise<ThreadMessage>
  retry(id: string): Promise<ThreadMessage>
  discard(id: string): void
  /** Whether a message is being posted right now. */
  delivering(): boolean
  /** Forgets waiting callers (store reset); their promises resolve to nothing further. */
  clear(): void
}

/**
 * Creates the send queue of a thread store.
 *
 * @param model - the store's model
 * @param client - the client
 * @param driver - the run driver (the thread lock)
 * @param hooks - `ensureThread` creates the thread on the first send; `onDelivered` notes our own message ids
 * @returns the queue
 */
export function createSendQueue(
  model: ThreadModel,
  client: Client,
  driver: RunDriver,
  hooks: {
    ensureThread(): Promise<string>
    onDelivered(id: string): void
    decorate(message: LocalMessage): ThreadMessage
  },
): SendQueue {
  const waiters = new Map<string, (message: ThreadMessage) => void>()
  const inFlight = new Set<string>()
  let pumping = false

  function settle(tempId: string, message: LocalMessage): void {
    waiters.get(tempId)?.(hooks.decorate(message))
    waiters.delete(tempId)
  }

  function replaceRow(row: PendingRow, next: PendingRow | undefined): void {
    model.rows =
      next === undefined ? model.rows.filter((r) => r !== row) : model.rows.map((r) => (r === row ? next : r))
    model.changed()
  }

  /** A new send shows `sending` when it can go at once, `queued` when it waits for the thread. */
  const waitStatus = (): 'queued' | 'sending' => (pumping || driver.busy() ? 'queued' : 'sending')

  async function deliver(row: PendingRow, gen: number): Promise<boolean> {
    inFlight.add(row.tempId)
    try {
      return await deliverOnce(row, gen)
    } finally {
      inFlight.delete(row.tempId)
    }
  }

  /** Posts one row; waits out a run that holds the thread (the API's 400 names it) and tries again. */
  async function deliverOnce(row: PendingRow, gen: number): Promise<boolean> {
    let current = withStatus(row, 'sending', undefined, model.threadId)
    replaceRow(row, current)
    for (;;) {
      try {
        const threadId = await hooks.ensureThread()
        const message = await client.messages.create(
          threadId,
          { ...current.params },
          { signal: model.lifecycle.signal },
        )
        if (gen !== model.generation) return false
        hooks.onDelivered(message.id)
        model.rows = model.rows.filter((r) => r.tempId !== current.tempId)
        model.commit([message])
        model.changed()
        settle(current.tempId, message)
        return true
      } catch (cause) {
        if (gen !== model.generation || isAbortError(cause)) return false
        const blocking = activeRunId(cause)
        if (blocking !== undefined) {
          await driver.waitFor(blocking)
          continue
        }
        const failure = AssistantsError.is(cause) ? cause : new AssistantsError('network', String(cause), { cause })
        const failed = withStatus(current, 'failed', failure, model.threadId)
        replaceRow(current, failed)
        current = failed
        model.report(failure)
        settle(current.tempId, failed.view)
        return false
      }
    }
  }

  /** Waits for the thread lock, posts every waiting row in order, then starts one run for them. */
  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    const gen = model.generation
    try {
      for (;;) {
        await driver.idle()
        if (gen !== model.generation) return
        const batch = model.rows.filter((row) => row.status !== 'failed' && !inFlight.has(row.tempId))
        if (batch.length === 0) return
        let runOverrides: RunOverrides | undefined
        let wantsRun = false
        for (const { tempId } of batch) {
          const row = model.rows.find((r) => r.tempId === tempId)
          if (row === undefined || row.status === 'failed' || inFlight.has(tempId)) continue
          if ((await deliver(row, gen)) && row.wantsRun) {
            wantsRun = true
            runOverrides = row.runOverrides ?? runOverrides
          }
          if (gen !== model.generation) return
        }
        if (wantsRun && model.threadId !== null) await driver.start({ ...model.options.runOptions, ...runOverrides })
      }
    } finally {
      pumping = false
      // A reset while this pump was waiting leaves rows of the new generation: give them a pump of their own.
      if (gen !== model.generation && model.rows.some((row) => row.status !== 'failed')) void pump()
    }
  }

  function wait(tempId: string): Promise<ThreadMessage> {
    const result = new Promise<ThreadMessage>((resolve) => waiters.set(tempId, resolve))
    void pump()
    return result
  }

  return {
    enqueue(params, wantsRun, runOverrides) {
      if (wantsRun && !model.options.assistantId) {
        throw new TypeError('This send starts a run but the store has no assistantId. Did you mean { run: false }?')
      }
      const row = createRow(params, { wantsRun, runOverrides, status: waitStatus() }, model.threadId)
      model.rows = [...model.rows, row]
      model.changed()
      return wait(row.tempId)
    },
    retry(id) {
      const row = model.rows.find((r) => r.tempId === id)
      if (row === undefined || row.status !== 'failed') {
        throw new TypeError(`retry(${JSON.stringify(id)}): no failed message with that id.`)
      }
      model.error = null
      model.rows = [...model.rows.filter((r) => r !== row), withStatus(row, waitStatus(), undefined, model.threadId)]
      model.changed()
      return wait(row.tempId)
    },
    discard(id) {
      const row = model.rows.find((r) => r.tempId === id)
      if (row === undefined || inFlight.has(row.tempId)) return
      replaceRow(row, undefined)
      settle(row.tempId, withStatus(row, 'failed', row.error, model.threadId).view)
    },
    delivering: () => inFlight.size > 0,
    clear() {
      waiters.clear()
      inFlight.clear()
    },
  }
}

/** The run id named by the API's thread-lock errors ("already has an active run run_x", "while a run run_x is active"). */
function activeRunId(cause: unknown): string | undefined {
  if (!AssistantsError.is(cause) || cause.status !== 400) return undefined
  return /(?:already has an active run|while a run) (run_[A-Za-z0-9_-]+)/.exec(cause.message)?.[1]
}
