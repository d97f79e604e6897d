import { describe, expect, it } from 'vitest'
import { anySignal, followSignals } from './anySignal.ts'

describe('anySignal', () => {
  it('aborts with the reason of the first signal that aborts', () => {
    const a = new AbortController()
    const b = new AbortController()
    const signal = anySignal([a.signal, b.signal])
    expect(signal.aborted).toBe(false)
    b.abort('second')
    a.abort('first')
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBe('second')
  })

  it('is aborted at once when an input already is', () => {
    const signal = anySignal([new AbortController().signal, AbortSignal.abort('early')])
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBe('early')
  })

  it('has a fallback for runtimes without AbortSignal.any (Vercel edge runtime)', () => {
    const a = new AbortController()
    const b = new AbortController()
    const signal = followSignals([a.signal, b.signal])
    a.abort('gone')
    b.abort('later')
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBe('gone')
    expect(followSignals([AbortSignal.abort('early')]).reason).toBe('early')
  })
})
