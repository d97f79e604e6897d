// Small view helpers shared by the React and Vue message rows and tool cards.
import { isCachedMessage, type Run, type ThreadMessage, type ToolCallState } from '@skein/core'
import type { Forecast } from './tools.ts'

const CUT_SHORT: ReadonlySet<string> = new Set(['cancelled', 'failed', 'expired', 'incomplete'])

/**
 * The status a message row shows (`data-status`): its local state while optimistic or streaming, else the server's.
 *
 * @param message - a message of the thread snapshot
 * @param run - the thread's current run
 * @returns `sending`, `queued`, `failed`, `streaming`, `in_progress`, `incomplete` or `completed`
 */
export function messageStatus(message: ThreadMessage, run: Run | null): string {
  if (message.local) return message.local.status
  if (message.status) return message.status
  // REST messages have no `status` (DESIGN.md: the recordings win). The reply of a run that was stopped or failed is
  // cut short; any other listed message is finished.
  if (run !== null && message.run_id === run.id && CUT_SHORT.has(run.status)) return 'incomplete'
  return 'completed'
}

/**
 * Whether a reply came from the response cache: its metadata carries core's cached marker, or it is the reply of the
 * synthetic run a cache hit yields (`cached: true`, with the posted message's id in `metadata.skein_message`).
 *
 * @param message - a message of the thread snapshot
 * @param run - the thread's current run
 * @returns true for a cached reply
 */
export function isCachedReply(message: ThreadMessage, run: Run | null): boolean {
  if (message.role !== 'assistant') return false
  if (isCachedMessage(message)) return true
  return run?.['cached'] === true && (run.metadata?.['skein_message'] === message.id || message.run_id === run.id)
}

/**
 * Parses a tool call's JSON text, for display.
 *
 * @param text - arguments or output as sent
 * @returns the value, or the text itself when it is not JSON
 */
export function parseToolJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * The forecast of a finished `get_weather` call.
 *
 * @param call - a tool call of the run
 * @returns the forecast, or null while it runs or when the output is something else (an error)
 */
export function forecastOf(call: ToolCallState): Forecast | null {
  if (call.name !== 'get_weather') return null
  const value = parseToolJson(call.output)
  if (typeof value !== 'object' || value === null) return null
  const { location, celsius, condition } = value as Record<string, unknown>
  if (typeof location !== 'string' || typeof celsius !== 'number' || typeof condition !== 'string') return null
  return { location, celsius, condition }
}
