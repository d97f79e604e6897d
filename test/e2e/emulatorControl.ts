// Talks to the emulator's own port, beside the proxy: fault injection and reading what the server really holds.
import { EMULATOR_DEV_KEY } from '../../playground/server/playgroundEmulator.ts'

/** A fault for `POST /__emulator/faults` (see the emulator README). */
export type Fault = Record<string, unknown> & { match: string; kind: string }

/**
 * Queues a fault on the emulator. Tests scope `match` to their own thread, so test files running in parallel never
 * take each other's faults.
 *
 * @param emulatorURL - the emulator's base URL
 * @param fault - the fault
 */
export async function addFault(emulatorURL: string, fault: Fault): Promise<void> {
  const response = await fetch(`${emulatorURL}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  })
  if (!response.ok) throw new Error(`POST /__emulator/faults: ${response.status} ${await response.text()}`)
}

/**
 * Lists a thread's runs straight from the emulator (newest first), bypassing the proxy.
 *
 * @param emulatorURL - the emulator's base URL
 * @param threadId - the thread
 * @returns the runs' ids and statuses
 */
export async function listRuns(emulatorURL: string, threadId: string): Promise<{ id: string; status: string }[]> {
  const response = await fetch(`${emulatorURL}/v1/threads/${threadId}/runs?order=desc`, {
    headers: { authorization: `Bearer ${EMULATOR_DEV_KEY}` },
  })
  if (!response.ok) throw new Error(`GET runs: ${response.status}`)
  const body = (await response.json()) as { data: { id: string; status: string }[] }
  return body.data.map(({ id, status }) => ({ id, status }))
}
