import { describe, expect, it } from 'vitest'
import { fewShot } from './fewShot.ts'

describe('fewShot', () => {
  it('alternates native user and assistant messages in order', () => {
    expect(
      fewShot([
        { user: 'Capital of France?', assistant: 'Paris.' },
        { user: 'Capital of Peru?', assistant: 'Lima.' },
      ]),
    ).toEqual([
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Paris.' },
      { role: 'user', content: 'Capital of Peru?' },
      { role: 'assistant', content: 'Lima.' },
    ])
  })

  it('keeps content parts as given', () => {
    const parts = [
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      { type: 'text', text: 'What is this?' },
    ] as const
    const [user, assistant] = fewShot([{ user: parts, assistant: 'A cat.' }])
    expect(user).toEqual({ role: 'user', content: parts })
    expect(user?.content).toBe(parts)
    expect(assistant).toEqual({ role: 'assistant', content: 'A cat.' })
  })

  it('returns no messages for no examples', () => {
    expect(fewShot([])).toEqual([])
  })

  it.each([
    ['a single example object', { user: 'a', assistant: 'b' }, /needs an array/],
    ['a string example', ['hi'], /examples\[0\] must be an object/],
    ['a missing assistant', [{ user: 'a' }], /examples\[0\] is missing 'assistant'/],
    ['a misspelt key', [{ user: 'a', asistant: 'b' }], /unknown key "asistant".*Did you mean 'assistant'\?/],
    ['a role key', [{ human: 'a', assistant: 'b' }], /Did you mean 'user'\?/],
    ['an empty answer', [{ user: 'a', assistant: ' ' }], /examples\[0\]\.assistant is empty/],
    [
      'a number',
      [
        { user: 'a', assistant: 'b' },
        { user: 3, assistant: 'c' },
      ],
      /examples\[1\]\.user must be a string/,
    ],
    ['a bad part', [{ user: [{ type: 'audio' }], assistant: 'b' }], /examples\[0\]\.user\[0\] must be/],
  ])('throws a TypeError for %s', (_, examples, message) => {
    expect(() => fewShot(examples as never)).toThrow(TypeError)
    expect(() => fewShot(examples as never)).toThrow(message)
  })
})
