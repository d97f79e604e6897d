// The scripted model's texts. Deterministic: the same message always gives the same tokens.
import type { ReplyPlan, ReplyToken, ToolOutput } from './model.ts'
import { tokenize } from './tokenize.ts'
import type { AssistantTool } from './wire.ts'

/** The largest `[deltas:N]` / `[words:N]` honoured, so a typo cannot stall the emulator. */
export const MAX_SCRIPTED_TOKENS = 100_000

// Short words (a token each, with their leading space), some with multi-byte characters.
const WORDS = (
  'thread skein yarn loop stitch weave knot café naïve déjà vu — ✓ 🧵 and the of a token delta run step reply fiber ' +
  'spool wool twist ply'
).split(' ')

function word(index: number): string {
  // A fixed permutation walk (7 is coprime with the list length) so neighbours differ.
  return WORDS[(index * 7 + 3) % WORDS.length] ?? 'yarn'
}

function countTrigger(text: string, name: string): number | undefined {
  const match = new RegExp(`\\[${name}:(\\d+)\\]`, 'i').exec(text)
  if (!match?.[1]) return undefined
  return Math.min(Number(match[1]), MAX_SCRIPTED_TOKENS)
}

/**
 * @param count - how many tokens
 * @returns exactly `count` tokens of 1-8 characters (`[deltas:N]`)
 */
export function deltaTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? '' : ' ') + word(i))
}

function paragraph(seed: number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(word(seed + i * 3))
  const text = out.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

/** @returns a long markdown answer (about 900 words) for scrolling and render-load tests */
export function longAnswer(): string {
  const parts = ['# A long answer', '', 'Here is a long answer, as requested — in twelve parts.', '']
  for (let section = 1; section <= 12; section++) {
    parts.push(`## Part ${section}`, '', paragraph(section * 11, 48), '')
    parts.push(`- ${paragraph(section * 13, 6)}`, `- ${paragraph(section * 17, 7)}`, '')
    parts.push(paragraph(section * 19, 12), '')
  }
  parts.push('That is the end of the long answer. ✓')
  return parts.join('\n')
}

/** @returns a markdown sample: heading, emphasis, list, table, code and a link */
export function markdownAnswer(): string {
  return [
    '## Markdown sample',
    '',
    'Some **bold**, some _italic_, some `inline code` and a [link](https://example.com).',
    '',
    '1. First item',
    '2. Second item — with a dash',
    '',
    '| column | value |',
    '| --- | --- |',
    '| yarn | 🧵 |',
    '',
    '```ts',
    "const greeting = 'héllo'",
    '```',
  ].join('\n')
}

/**
 * @param text - the newest user message
 * @returns the reply tokens for it: `[deltas:N]`, `[words:N]`, `long answer`, `markdown`, or the echo
 */
export function replyTokens(text: string): string[] {
  const deltas = countTrigger(text, 'deltas')
  if (deltas !== undefined) return deltaTokens(deltas)
  const words = countTrigger(text, 'words')
  if (words !== undefined) return tokenize(paragraph(0, words))
  if (/long answer/i.test(text)) return tokenize(longAnswer())
  if (/\bmarkdown\b/i.test(text)) return tokenize(markdownAnswer())
  const trimmed = text.trim()
  if (trimmed === '') return tokenize("Hello! I'm the Skein emulator — ask me anything. ✓")
  const chars = [...trimmed]
  const echo = chars.length > 200 ? `${chars.slice(0, 200).join('')}…` : trimmed
  return tokenize(`You said: "${echo}". This is the Skein emulator, replying token by token — déjà vu 🧵.`)
}

/**
 * @param outputs - the submitted tool outputs
 * @returns the reply after a tool round trip, quoting every output
 */
export function toolOutputsReply(outputs: readonly ToolOutput[]): string {
  const quoted = outputs.map((item) => `${item.name} returned "${item.output}"`).join('; ')
  return `Thanks — the tools answered: ${quoted}. ✓`
}

/** The file the scripted file_search finds. */
export const NOTES_FILE = {
  file_id: 'file-SkeinEmulatorNotes0001',
  file_name: 'emulator_notes.txt',
  content: 'Skein emulator notes: the answer to every file_search question is 42.',
} as const

/**
 * @param text - the newest user message
 * @param tools - the run's tools
 * @returns whether the scripted model runs file_search (the tool is on and the message asks to search files)
 */
export function wantsFileSearch(text: string, tools: readonly AssistantTool[]): boolean {
  return tools.some((tool) => tool.type === 'file_search') && /\b(file_search|search|files?|documents?)\b/i.test(text)
}

/** @returns a file_search step with one hit, then a reply citing it */
export function fileSearchPlan(): ReplyPlan {
  const marker = `【4:0†${NOTES_FILE.file_name}】`
  const tokens: ReplyToken[] = [
    ...tokenize('According to the notes, the answer is 42'),
    { citation: { file_id: NOTES_FILE.file_id, text: marker } },
    '.',
  ]
  return { fileSearch: { results: [{ ...NOTES_FILE, score: 0.68 }] }, tokens }
}
