// The few-shot starter: example exchanges that open a new thread (the store's `seed`, built with core's `fewShot`),
// so the model (a real one; the emulator just echoes) reads them as its own earlier turns. No run starts for them.
import { type FewShotExample, fewShot, type MessageCreateParams } from '@skein/core'

/** The starter's examples. */
export const STARTER_EXAMPLES: readonly FewShotExample[] = [
  {
    user: 'Hi! Who are you?',
    assistant: 'The Skein playground assistant. I answer briefly and use my tools when asked.',
  },
  {
    user: 'What can I try here?',
    assistant: 'Ask for **markdown**, `get_weather in Oslo`, or a dark theme via `set_theme`.',
  },
]

/**
 * The seed of a new thread that starts with the examples.
 *
 * @param examples - the exchanges @defaultValue {@link STARTER_EXAMPLES}
 * @returns the thread's first messages, user and assistant alternating
 */
export function starterSeed(examples: readonly FewShotExample[] = STARTER_EXAMPLES): MessageCreateParams[] {
  return fewShot(examples)
}

/**
 * The examples as preview lines for the empty thread.
 *
 * @param examples - the exchanges @defaultValue {@link STARTER_EXAMPLES}
 * @returns one `{ role, text }` per message, in order
 */
export function starterPreview(
  examples: readonly FewShotExample[] = STARTER_EXAMPLES,
): { role: 'user' | 'assistant'; text: string }[] {
  const text = (content: FewShotExample['user']): string => (typeof content === 'string' ? content : '…')
  return examples.flatMap((example) => [
    { role: 'user' as const, text: text(example.user) },
    { role: 'assistant' as const, text: text(example.assistant) },
  ])
}
