import type { Client } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import type { PendingParams } from './messageRows.ts'
import type { RunDriver } from './runDriver.ts'
import type { RunOverrides } from './storeOptions.ts'
import type { ThreadModel } from './threadModel.ts'
import type { LocalMessage, LocalStatus, ThreadMessage } from './threadSnapshot.ts'

let counter = 0

/** Whether the API refused because a run holds the thread ("already has an active run", "while a run run_x is active"). */
const locked = (cause: unknown): boolean =>
  AssistantsError.is(cause) && cause.status === 400 && /already has an active run|while a run /.test(cause.message)

/** Optimistic sends and the thread lock: rows show at once, go out in order, and wait for any active run. */
export interface SendQueue {
  /** Adds a row and starts delivering; resolves to the server message, or the failed row. */
  enqueue(params: PendingParams, run: boolean, overrides?: RunOverrides): Promise<ThreadMessage>
  retry(id: string): Promise<ThreadMessage>
  discard(id: string): void
  /** Whether a message is being posted right now. */
  delivering(): boolean
  /** Forgets the rows' requests and callers (store reset); their promises resolve to nothing further. */
  clear(): void
}

/** What a row posts, and who waits for it. Kept until the row is delivered or discarded (a failed row may be retried). */
interface Job {
  readonly params: PendingParams
  /** Whether delivering it starts a run, and with which per-send run overrides. */
  readonly run: boolean
  readonly overrides: RunOverrides | undefined
  resolve: (message: ThreadMessage) => void
}

/**
 * Creates the send queue of a thread store.
 *
 * @param model - the store's model
 * @param client - the client
 * @param driver - the run driver (the thread lock)
 * @param ensureThread - creates the thread on the first send
 * @param decorate - the roles decode, for what a send resolves to
 * @returns the queue
 */
export function createSendQueue(
  model: ThreadModel,
  client: Client,
  driver: RunDriver,
  ensureThread: () => Promise<string>,
  decorate: (message: LocalMessage) => ThreadMessage,
): SendQueue {
  const jobs = new Map<string, Job>()
  /** The row being posted: one at a time, since only one pump runs. */
  let sending: string | null = null
  let pumping = false

  const find = (id: string) => model.rows.find((row) => row.id === id)
  const waiting = (row: LocalMessage) => row.local?.status !== 'failed' && row.id !== sending
  /** A new send shows `sending` when it can go at once, `queued` when it waits for the thread. */
  const waitStatus = (): LocalStatus => (pumping || driver.busy() ? 'queued' : 'sending')

  /** Replaces the row with `next`, or removes it; publishes unless `quiet`. */
  function put(row: LocalMessage, next?: LocalMessage, quiet?: boolean): void {
    model.rows = model.rows.flatMap((r) => (r.id !== row.id ? [r] : next ? [next] : []))
    if (!quiet) model.set()
  }

  /** The row with a new status (and error); the same object when nothing changed. */
  function mark(row: LocalMessage, status: LocalStatus, error?: AssistantsError): LocalMessage {
    const local = row.local!
    if (local.status === status && local.error === error) return row
    return { ...row, thread_id: model.id ?? '', local: { status, tempId: row.id, ...(error && { error }) } }
  }

  /** Resolves the row's send (or retry); its job goes unless the row failed and may be retried. */
  function settle(id: string, message: LocalMessage, keep?: boolean): void {
    jobs.get(id)?.resolve(decorate(message))
    if (!keep) jobs.delete(id)
  }

  /** Posts one row; waits out a run that holds the thread (another tab's, a back-end job's) and tries again. */
  async function deliver(row: LocalMessage, job: Job, life: AbortSignal): Promise<boolean> {
    sending = row.id
    put(row, mark(row, 'sending'))
    let waits = 0
    try {
      for (;;) {
        try {
          const message = await client.messages.create(await ensureThread(), job.params, { signal: life })
          if (life.aborted) return false
          // Replaced in place: the row goes and the server's message comes in the same snapshot.
          put(row, undefined, true)
          model.merge([message])
          settle(row.id, message)
          return true
        } catch (cause) {
          if (life.aborted) return false
          // The run holding the thread is normally its newest: follow it to its end, then post again. When there is
          // none to follow (the lock is an older run's, or the list lags), wait longer each time before posting
          // again. A failure to look it up fails the row like any other error.
          const followed = locked(cause)
            ? await driver.followLatest().then(
                (found) => found,
                (e: unknown) => e,
              )
            : cause
          if (life.aborted) return false
          if (typeof followed !== 'boolean') {
            const failed = mark(row, 'failed', model.report(followed))
            put(row, failed)
            settle(row.id, failed, true)
            return false
          }
          if (followed) await driver.idle()
          else await pause(Math.min(250 * 2 ** waits++, 4_000), life)
        }
      }
    } finally {
      sending = null
    }
  }

  /** Waits for the thread lock, posts every waiting row in order, then starts one run for them. */
  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    const life = model.life
    try {
      for (;;) {
        await driver.idle()
        let overrides: RunOverrides | undefined
        let run = false
        // Read again after each post: a row may have been sent, discarded or retried meanwhile.
        for (let row = model.rows.find(waiting); row && !life.aborted; row = model.rows.find(waiting)) {
          const job = jobs.get(row.id)!
          if ((await deliver(row, job, life)) && job.run) {
            run = true
            overrides = job.overrides ?? overrides
          }
        }
        if (life.aborted || !run) return
        await driver.start({ ...model.options.runOptions, ...overrides })
      }
    } finally {
      pumping = false
      // A reset while this pump was waiting leaves rows of the new generation: give them a pump of their own.
      if (life.aborted && model.rows.some(waiting)) void pump()
    }
  }

  /** The promise of a row's outcome; (re)starts delivering. */
  function wait(id: string, job: Omit<Job, 'resolve'>): Promise<ThreadMessage> {
    const result = new Promise<ThreadMessage>((resolve) => jobs.set(id, { ...job, resolve }))
    void pump()
    return result
  }

  return {
    enqueue(params, run, overrides) {
      if (run && !model.options.assistantId) {
        throw new TypeError('This send starts a run but the store has no assistantId. Did you mean { run: false }?')
      }
      // Server ids never start with `local_`, so a temporary id cannot collide with one.
      const id = `local_${++counter}`
      const { content, attachments, metadata } = params
      // Request text parts are `{ type: 'text', text: string }`; response parts are `{ text: { value, annotations } }`.
      const text = (value: string) => ({ type: 'text', text: { value, annotations: [] } })
      const row = {
        ...params,
        id,
        object: 'thread.message',
        created_at: Math.floor(Date.now() / 1000),
        thread_id: model.id ?? '',
        content:
          typeof content === 'string' ? [text(content)] : content.map((p) => (p.type === 'text' ? text(p.text) : p)),
        // As the server shows them: never missing.
        attachments: attachments ?? [],
        metadata: metadata ?? {},
        local: { status: waitStatus(), tempId: id },
      } as LocalMessage
      model.set({ rows: [...model.rows, row] })
      return wait(id, { params, run, overrides })
    },
    retry(id) {
      const row = find(id)
      if (row?.local?.status !== 'failed')
        throw new TypeError(`retry(${JSON.stringify(id)}): no failed message with that id.`)
      model.error = null
      put(row, mark(row, waitStatus()))
      // A failed row keeps its job until it is delivered or discarded.
      return wait(id, jobs.get(id)!)
    },
    discard(id) {
      const row = find(id)
      if (row === undefined || id === sending) return
      put(row)
      settle(id, mark(row, 'failed', row.local?.error))
    },
    delivering: () => sending !== null,
    clear() {
      jobs.clear()
      sending = null
    },
  }
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no timer or listener behind. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
