import type { MessageContentPartParam, MessageCreateParams } from '../client/params.ts'
import { checkContent } from './checkContent.ts'

/** One worked example: what the user said and what the assistant answered. */
export interface FewShotExample {
  user: string | readonly MessageContentPartParam[]
  assistant: string | readonly MessageContentPartParam[]
}

/**
 * Turns worked examples into the first messages of a thread: user, assistant, user, assistant, … in order, with
 * native roles (no labels, no metadata), so the model reads them as its own earlier turns.
 *
 * @param examples - the examples, oldest first
 * @returns `messages.create` bodies for `threads.create({ messages })`, `createAndRun({ thread: { messages } })` or a
 * store's `seed`
 * @throws TypeError when an example is not `{ user, assistant }` with non-empty content
 * @example
 * ```ts
 * const thread = await client.threads.create({
 *   messages: fewShot([
 *     { user: 'Capital of France?', assistant: 'Paris.' },
 *     { user: 'Capital of Peru?', assistant: 'Lima.' },
 *   ]),
 * })
 * ```
 */
export function fewShot(examples: readonly FewShotExample[]): MessageCreateParams[] {
  if (!Array.isArray(examples)) {
    throw new TypeError("fewShot needs an array of examples, e.g. fewShot([{ user: 'Hi', assistant: 'Hello!' }]).")
  }
  const messages: MessageCreateParams[] = []
  examples.forEach((example: unknown, index) => {
    const where = `fewShot: examples[${index}]`
    if (typeof example !== 'object' || example === null || Array.isArray(example)) {
      throw new TypeError(`${where} must be an object { user, assistant }.`)
    }
    const { user, assistant, ...rest } = example as Record<string, unknown>
    const extra = Object.keys(rest)[0]
    if (extra !== undefined) {
      const hint = /^assist|^asist|^bot|^model|^answer/i.test(extra)
        ? " Did you mean 'assistant'?"
        : /^use|^human|^question|^prompt/i.test(extra)
          ? " Did you mean 'user'?"
          : ''
      throw new TypeError(
        `${where} has an unknown key ${JSON.stringify(extra)}; an example is { user, assistant }.${hint}`,
      )
    }
    for (const [role, content] of [
      ['user', user],
      ['assistant', assistant],
    ] as const) {
      if (content === undefined) throw new TypeError(`${where} is missing '${role}'.`)
      if (typeof content === 'string' && content.trim() === '') {
        throw new TypeError(`${where}.${role} is empty; every example needs both sides.`)
      }
      checkContent(content, `${where}.${role}`)
      messages.push({ role, content })
    }
  })
  return messages
}
