import type { ToolCallState } from '@skein/core'
import { useRun } from '@skein/react'
import { forecastOf } from '../shared/messageView.ts'

function ToolCard({ call }: { call: ToolCallState }) {
  const forecast = forecastOf(call)
  return (
    <section className="tool" aria-label={`Tool call ${call.name}`} data-tool={call.name} data-status={call.status}>
      <h3>
        {call.name === 'get_weather' ? 'Weather' : call.name} <span className="badge">{call.status}</span>
      </h3>
      {forecast && (
        <p className="forecast">
          {forecast.celsius} °C, {forecast.condition} in {forecast.location}
        </p>
      )}
      <dl>
        <dt>arguments</dt>
        <dd>{call.arguments || '…'}</dd>
        <dt>output</dt>
        <dd>{call.output ?? '…'}</dd>
      </dl>
    </section>
  )
}

/** The function calls of the thread's current run, as cards (from `useRun`: no re-render per streamed token). */
export function ToolCards({ threadId }: { threadId: string | null }) {
  const { toolCalls } = useRun(threadId)
  return (
    <>
      {toolCalls.map((call) => (
        <ToolCard key={call.id} call={call} />
      ))}
    </>
  )
}
