import type { Client } from '../client/createClient.ts'
import { AssistantsError } from '../errors.ts'
import { isTerminalRunStatus, type Run } from '../schemas/index.ts'

/**
 * The thread's newest run, or undefined when it has none. Runs list newest first.
 *
 * @param client - the client
 * @param threadId - the thread
 * @param signal - aborts the request
 * @returns the run
 */
export async function latestRun(client: Client, threadId: string, signal: AbortSignal): Promise<Run | undefined> {
  return (await client.runs.list(threadId, { limit: 1, order: 'desc' }, { signal }).firstPage()).data[0]
}

/**
 * Asks the server to cancel a run. With `runId` unknown (the create request was in flight and aborted), the thread's
 * newest run is taken when it is still active: the server may have made it anyway. A 400 means the run ended before
 * the cancel arrived, which is fine: the caller polls to read how.
 *
 * @param client - the client
 * @param threadId - the thread
 * @param runId - the run, when known
 * @param signal - aborts the requests
 * @returns the id of the run to follow until it is terminal, or null when there was no run to cancel
 */
export async function cancelOnServer(
  client: Client,
  threadId: string,
  runId: string | null,
  signal: AbortSignal,
): Promise<string | null> {
  let id = runId
  if (id === null) {
    const latest = await latestRun(client, threadId, signal)
    if (latest !== undefined && !isTerminalRunStatus(latest.status)) id = latest.id
  }
  if (id === null) return null
  await client.runs.cancel(threadId, id, { signal }).catch((cause: unknown) => {
    if (!(AssistantsError.is(cause) && cause.status === 400)) throw cause
  })
  return id
}
