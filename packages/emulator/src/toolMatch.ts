// How the scripted model decides to call functions, and with which arguments (documented in the README).
import type { PlannedToolCall } from './model.ts'
import type { FunctionDefinition, Run } from './wire.ts'

// Description words too common to signal a tool.
const STOP_WORDS = new Set(
  (
    'about after based before current function given information other provided returns specified their there ' +
    'these those using value values where which while'
  ).split(' '),
)

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * @param fn - a function tool
 * @returns the words that trigger it: its name, the name with `_`/`-` as spaces, and description keywords (words of
 *   5+ letters that are not stop words)
 */
export function triggerWords(fn: FunctionDefinition): string[] {
  const words = [fn.name.toLowerCase(), fn.name.toLowerCase().replace(/[_-]+/g, ' ')]
  for (const word of (fn.description ?? '').toLowerCase().match(/[a-z]+/g) ?? []) {
    if (word.length >= 5 && !STOP_WORDS.has(word)) words.push(word)
  }
  return [...new Set(words)]
}

function firstMention(text: string, fn: FunctionDefinition): { index: number; end: number } | undefined {
  let best: { index: number; end: number } | undefined
  for (const word of triggerWords(fn)) {
    const match = new RegExp(`(?<![\\w])${escapeRegExp(word)}(?![\\w])`, 'i').exec(text)
    if (match && (best === undefined || match.index < best.index)) {
      best = { index: match.index, end: match.index + match[0].length }
    }
  }
  return best
}

function balancedObject(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return text.slice(0, i + 1)
  }
  return undefined
}

function typed(raw: string, schema: unknown): unknown {
  const type = typeof schema === 'object' && schema !== null ? (schema as { type?: unknown }).type : undefined
  if ((type === 'integer' || type === 'number') && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw)
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}

/**
 * Builds a call's arguments from the message text after the function's mention:
 * 1. a JSON object right after the mention (`get_weather {"location":"Paris"}`) is used as is;
 * 2. `key=value` or `key: value` pairs anywhere in the message fill the schema properties of that name
 *    (numbers and booleans are typed by the schema);
 * 3. the first unfilled string property (required ones first) takes the phrase after a preposition
 *    (`in|for|at|of|about|to|on|from|with`) up to punctuation or ` and ` (`get_weather in Paris` -> `Paris`).
 *
 * @param text - the whole message
 * @param after - the text following the mention
 * @param fn - the function
 * @returns the compact JSON arguments
 */
export function extractArguments(text: string, after: string, fn: FunctionDefinition): string {
  const literal = balancedObject(after.trimStart())
  if (literal !== undefined) {
    try {
      JSON.parse(literal)
      return literal
    } catch {
      // Not JSON after all: fall through to the schema rules.
    }
  }
  const properties = (fn.parameters?.['properties'] ?? {}) as Record<string, unknown>
  const required = Array.isArray(fn.parameters?.['required']) ? (fn.parameters['required'] as unknown[]) : []
  const args: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(properties)) {
    const pair = new RegExp(`(?<![\\w])${escapeRegExp(name)}\\s*[=:]\\s*(?:"([^"]*)"|'([^']*)'|([^\\s,;]+))`, 'i').exec(
      text,
    )
    if (pair) args[name] = typed(pair[1] ?? pair[2] ?? pair[3] ?? '', schema)
  }
  const stringProps = Object.entries(properties)
    .filter(([name, schema]) => !(name in args) && (schema as { type?: unknown } | null)?.type === 'string')
    .map(([name]) => name)
    .sort((a, b) => Number(required.includes(b)) - Number(required.includes(a)))
  const phrase = /\b(?:in|for|at|of|about|to|on|from|with)\s+(.+?)(?=\s+and\s|[.,;!?\n]|$)/i.exec(after)
  const target = stringProps[0]
  if (target !== undefined && phrase?.[1]) args[target] = phrase[1].trim().replace(/^["']|["']$/g, '')
  return JSON.stringify(args)
}

/**
 * Picks the function calls for a message: each function tool of the run that the message mentions (see
 * {@link triggerWords}), in order of first mention; `tool_choice: 'none'` disables them, a named `tool_choice` forces
 * that function, `'required'` falls back to the first function, and `parallel_tool_calls: false` keeps only one.
 *
 * @param text - the newest user message
 * @param run - the run (tools, tool_choice, parallel_tool_calls)
 * @returns the planned calls (empty: no call)
 */
export function matchFunctionCalls(text: string, run: Run): PlannedToolCall[] {
  const functions = run.tools.flatMap((tool) => (tool.type === 'function' ? [tool.function] : []))
  const choice = run.tool_choice
  if (functions.length === 0 || choice === 'none') return []
  const forced =
    typeof choice === 'object' && choice !== null
      ? (choice as { function?: { name?: unknown } }).function?.name
      : undefined
  let mentioned = functions
    .map((fn) => ({ fn, mention: firstMention(text, fn) }))
    .filter((item) => item.mention !== undefined)
    .sort((a, b) => (a.mention?.index ?? 0) - (b.mention?.index ?? 0))
  if (typeof forced === 'string') {
    const fn = functions.find((item) => item.name === forced)
    mentioned = fn ? [{ fn, mention: firstMention(text, fn) ?? { index: 0, end: 0 } }] : []
  } else if (mentioned.length === 0 && choice === 'required' && functions[0]) {
    mentioned = [{ fn: functions[0], mention: { index: 0, end: 0 } }]
  }
  if (run.parallel_tool_calls === false) mentioned = mentioned.slice(0, 1)
  return mentioned.map(({ fn, mention }) => ({
    name: fn.name,
    arguments: extractArguments(text, text.slice(mention?.end ?? 0), fn),
  }))
}
