import type { Client } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import type { PendingParams } from './messageRows.ts'
import { pause } from './pause.ts'
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
  /**
   * Drops the sends not delivered yet (store reset: a thread switch or teardown). Each resolves to its row, failed, so
   * no caller waits forever; the rows are not shown again.
   */
  clear(): void
}

/**
 * One send: its row as shown, what it posts, and who waits for it. Kept until the row is delivered or discarded (a
 * failed row may be retried): the rows shown are exactly the jobs' rows, in the order they were sent.
 */
interface Job {
  row: LocalMessage
  readonly params: PendingParams
  /** Whether delivering it starts a run, and with which per-send run overrides. */
  readonly run: boolean
  readonly overrides: RunOverrides | undefined
  /** Resolves the current send (or retry); set by `wait`. */
  resolve?: (message: ThreadMessage) => void
}

/**
 * Creates the send queue of a thread store.
 *
 * @param model - the store's model
 * @param client - the client
 * @param driver - the run driver (the thread lock)
 * @param ensureThread - creates the thread on the first send, unless `life` (the send's thread generation) is over
 * @param decorate - the roles decode, for what a send resolves to
 * @returns the queue
 */
export function createSendQueue(
  model: ThreadModel,
  client: Client,
  driver: RunDriver,
  ensureThread: (life: AbortSignal) => Promise<string>,
  decorate: (message: LocalMessage) => ThreadMessage,
): SendQueue {
  /** By temporary id (the row's id), in the order of the sends. */
  const jobs = new Map<string, Job>()
  /** The job being posted: one at a time, since only one pump runs. */
  let sending: Job | undefined
  let pumping = false

  const waiting = (job: Job) => job.row.local?.status !== 'failed' && job !== sending
  const next = () => [...jobs.values()].find(waiting)
  /** A new send shows `sending` when it can go at once, `queued` when it waits for the thread. */
  const waitStatus = (): LocalStatus => (pumping || driver.busy() ? 'queued' : 'sending')

  /** Shows the jobs' rows; publishes unless `quiet`. */
  function show(quiet?: boolean): void {
    model.rows = [...jobs.values()].map((job) => job.row)
    if (!quiet) model.set()
  }

  /** Gives the job's row a new status (and error), the same object when nothing changed, and shows the rows. */
  function mark(job: Job, status: LocalStatus, error?: AssistantsError): void {
    const { row } = job
    const local = row.local
    if (local?.status !== status || local.error !== error) {
      job.row = { ...row, thread_id: model.id ?? '', local: { status, tempId: row.id, ...(error && { error }) } }
    }
    show()
  }

  /** Resolves the job's send (or retry) with its row, failed. */
  function fail(job: Job, error: AssistantsError | undefined): void {
    mark(job, 'failed', error)
    job.resolve?.(decorate(job.row))
  }

  /**
   * Posts one row; waits out a run that holds the thread (another tab's, a back-end job's) and tries again. Any other
   * failure fails the row; an abort (reset) leaves it as it is.
   */
  async function deliver(job: Job, life: AbortSignal): Promise<boolean> {
    sending = job
    mark(job, 'sending')
    try {
      for (let waits = 0; ; ) {
        try {
          const message = await client.messages.create(await ensureThread(life), job.params, { signal: life })
          life.throwIfAborted()
          // Replaced in place: the row goes and the server's message comes in the same snapshot.
          jobs.delete(job.row.id)
          show(true)
          model.merge([message])
          job.resolve?.(decorate(message))
          return true
        } catch (cause) {
          if (!locked(cause)) throw cause
          // The run holding the thread is normally its newest: follow it to its end, then post again. When there is
          // none to follow (the lock is an older run's, or the list lags), wait longer each time before posting
          // again. A failure to look it up fails the row like any other error.
          if (await driver.follow()) await driver.idle()
          else await pause(Math.min(250 * 2 ** waits++, 4_000), life)
        }
      }
    } catch (cause) {
      if (!life.aborted) fail(job, model.report(cause))
      return false
    } finally {
      sending = undefined
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
        /** The overrides of the run to start, once a delivered row asks for one (the last send's win). */
        let run: RunOverrides | undefined
        // Read again after each post: a row may have been sent, discarded or retried meanwhile.
        for (let job = next(); job && !life.aborted; job = next()) {
          if ((await deliver(job, life)) && job.run) run = job.overrides ?? run ?? {}
        }
        if (life.aborted || !run) return
        await driver.start({ ...model.options.runOptions, ...run })
      }
    } finally {
      pumping = false
      // A reset while this pump was waiting leaves rows of the new generation: give them a pump of their own.
      if (life.aborted && next()) void pump()
    }
  }

  /** Shows the job's row as `status` and (re)starts delivering; returns the promise of the job's outcome. */
  function wait(job: Job, status: LocalStatus): Promise<ThreadMessage> {
    const result = new Promise<ThreadMessage>((resolve) => (job.resolve = resolve))
    mark(job, status)
    void pump()
    return result
  }

  return {
    enqueue(params, run, overrides) {
      if (run && !model.options.assistantId) {
        throw new TypeError('send: a run needs an assistantId; set one, or send with { run: false }.')
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
        content:
          typeof content === 'string' ? [text(content)] : content.map((p) => (p.type === 'text' ? text(p.text) : p)),
        // As the server shows them: never missing.
        attachments: attachments ?? [],
        metadata: metadata ?? {},
      } as LocalMessage
      const job: Job = { row, params, run, overrides }
      jobs.set(id, job)
      return wait(job, waitStatus())
    },
    retry(id) {
      const job = jobs.get(id)
      if (job?.row.local?.status !== 'failed') {
        throw new TypeError(`retry(${JSON.stringify(id)}): no failed message with that id.`)
      }
      model.error = null
      return wait(job, waitStatus())
    },
    discard(id) {
      const job = jobs.get(id)
      if (!job || job === sending) return
      jobs.delete(id)
      // The snapshot's error was this row's failure: it goes with the row.
      if (model.error === job.row.local?.error) model.error = null
      fail(job, job.row.local?.error)
    },
    delivering: () => !!sending,
    clear() {
      // A post that was in flight may still have reached the server: the row says only that this store did not
      // deliver it. Rows that failed before are resolved already; resolving again changes nothing.
      for (const { row, resolve } of jobs.values()) {
        resolve?.(decorate({ ...row, thread_id: model.id ?? '', local: { status: 'failed', tempId: row.id } }))
      }
      jobs.clear()
      sending = undefined
    },
  }
}
