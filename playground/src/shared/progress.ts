// One line for the run status element: what the run is doing right now ("Calling get_weather…", "Searching files…").
import type { RunSnapshot, RunStep } from '@skein/core'

function stepActivity(step: RunStep): string {
  const details = step.step_details
  if (details.type === 'message_creation') return 'Writing…'
  if (details.type !== 'tool_calls') return 'Working…'
  const names = details.tool_calls.map((call) => {
    if (call.type === 'function') return `Calling ${call.function.name}…`
    if (call.type === 'file_search') return 'Searching files…'
    if (call.type === 'code_interpreter') return 'Running code…'
    return `Using ${call.type}…`
  })
  return [...new Set(names)].join(' ') || 'Calling tools…'
}

const DONE: Readonly<Record<string, string>> = {
  idle: 'Ready',
  loading: 'Loading history…',
  queued: 'Queued…',
  cancelling: 'Stopping…',
  completed: 'Done',
  cancelled: 'Stopped',
  failed: 'Failed',
  expired: 'Expired',
  incomplete: 'Incomplete',
}

/**
 * Describes the run of a thread snapshot in a few words.
 *
 * @param run - the run half of a thread snapshot (`useRun`)
 * @returns e.g. `Thinking…`, `Calling get_weather…`, `Searching files…`, `Writing…`, `Done`, `Stopped`
 */
export function describeRun(run: Pick<RunSnapshot, 'status' | 'steps' | 'toolCalls' | 'run'>): string {
  if (run.status === 'requires_action') {
    const waiting = run.toolCalls.filter((call) => call.status === 'running' || call.status === 'pending')
    const names = [...new Set(waiting.map((call) => call.name))]
    return names.length > 0 ? `Calling ${names.join(', ')}…` : 'Calling tools…'
  }
  if (run.status === 'in_progress') {
    const active = run.steps.findLast((step) => step.status === 'in_progress')
    return active ? stepActivity(active) : 'Thinking…'
  }
  if (run.status === 'failed' && run.run?.last_error) return `Failed: ${run.run.last_error.message}`
  if (run.status === 'completed' && run.run?.['cached'] === true) return 'Done (cached)'
  return DONE[run.status] ?? run.status
}
