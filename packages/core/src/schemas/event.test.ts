import { describe, expect, it } from 'vitest'
import { STREAM_EVENT_NAMES } from './event.ts'
import { EVENT_DATA_SCHEMAS } from './strictSchemas.ts'

describe('STREAM_EVENT_NAMES', () => {
  it('lists the 25 wire names once each, with a strict schema for every one but done and error', () => {
    expect(STREAM_EVENT_NAMES).toHaveLength(25)
    expect(new Set(STREAM_EVENT_NAMES).size).toBe(25)
    expect([...Object.keys(EVENT_DATA_SCHEMAS), 'done', 'error'].sort()).toEqual([...STREAM_EVENT_NAMES].sort())
  })
})
