import { useRun } from '@skein/react'
import { describeRun } from '../shared/progress.ts'

/** The run state line (`role="status"`): re-renders on run changes only, not on every streamed token. */
export function RunStatus({ threadId }: { threadId: string | null }) {
  const run = useRun(threadId)
  const tokens = run.usage?.total_tokens
  return (
    <p role="status" className="run-status" data-status={run.status}>
      {describeRun(run)}
      {tokens !== undefined && tokens > 0 && ` · ${tokens} tokens`}
    </p>
  )
}
