import { describe, expect, it } from 'vitest'
import { isActiveRunStatus, isTerminalRunStatus, RUN_STATUSES } from './runStatus.ts'

describe('isTerminalRunStatus', () => {
  it('is true for exactly the five final statuses', () => {
    expect(RUN_STATUSES.filter(isTerminalRunStatus)).toEqual([
      'cancelled',
      'failed',
      'completed',
      'incomplete',
      'expired',
    ])
    expect(isTerminalRunStatus('idle')).toBe(false)
  })
})

describe('isActiveRunStatus', () => {
  it('is true for exactly the four statuses that lock the thread', () => {
    expect(RUN_STATUSES.filter(isActiveRunStatus)).toEqual(['queued', 'in_progress', 'requires_action', 'cancelling'])
    expect(isActiveRunStatus('idle')).toBe(false)
  })

  it('partitions the nine wire statuses with isTerminalRunStatus', () => {
    expect(RUN_STATUSES).toHaveLength(9)
    for (const status of RUN_STATUSES) expect(isActiveRunStatus(status)).toBe(!isTerminalRunStatus(status))
  })
})
