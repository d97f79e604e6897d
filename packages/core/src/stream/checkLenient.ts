// The `validation: 'lenient'` checks: the fields the reducer (and the stores that read its snapshots) rely on, ids,
// statuses, the delta fields that are appended and the indices that place them, as one table and one walk. A check
// returns `undefined`, or a problem whose path is relative to the value it checked (`.text.value: expected a string,
// ...`), each level prepending its segment on the way out of a failure.
import { RUN_STATUSES } from '../schemas/runStatus.ts'
import { clip } from './clip.ts'

type Dict = Record<string, unknown>

/**
 * `[key, flags, expected kind, rules]`: the rules of an object's fields, or for an array the one rule of its entries.
 * See {@link compile}.
 */
type Rule = readonly [string, string, string, readonly Rule[]]

const FIELD = /(\w+)([?~=]*)([#!{[]?)|[}\]]/g
// Each kind as {@link kindOf} names it (a run status is a string that must also be one of the nine).
const KINDS: Readonly<Record<string, string>> = {
  '': 'string',
  '#': 'number',
  '!': 'run status',
  '{': 'object',
  '[': 'array',
}

/**
 * Reads the rule of an object: its fields one after the other in the order they are checked: the key, its flags (`?`
 * may be absent, `~` may be null, `=` only when the object's `type` is the key, as the reducer reads `text` of a text
 * part only), then its kind: a string (nothing), a number (`#`), a run status (`!`), an object (`{` its fields `}`) or
 * an array of objects (`[` the fields of each `]`).
 */
function compile(source: string): Rule {
  const rules: Rule[] = []
  for (let match = FIELD.exec(source); match?.[1]; match = FIELD.exec(source)) {
    const kind = match[3]!
    const inner = kind === '{' || kind === '[' ? compile(source) : undefined
    rules.push([match[1], match[2]!, KINDS[kind]!, inner === undefined ? [] : kind === '[' ? [inner] : inner[3]])
  }
  return ['', '', KINDS['{']!, rules]
}

const MESSAGE_DELTA = 'thread.message.delta'
const STEP_DELTA = 'thread.run.step.delta'

// The first key that starts the event name picks the rule of its data (every known name has one).
const EVENTS: Readonly<Record<string, Rule>> = {
  [MESSAGE_DELTA]: /* @__PURE__ */ compile(
    'id delta{role? content?[index# type text=?{value? annotations?[index# type text?]} refusal=? image_file=?{} image_url=?{}]}',
  ),
  [STEP_DELTA]: /* @__PURE__ */ compile(
    'id delta{step_details?{type tool_calls?[index# type id? function=?{name? arguments? output?~} code_interpreter=?{input? outputs?[index# type logs=? image=?{}]} file_search=?{}]}}',
  ),
  'thread.message.': /* @__PURE__ */ compile('id content[type text={value}]'),
  'thread.run.step.': /* @__PURE__ */ compile('id status step_details{type tool_calls=[type]}'),
  'thread.run.': /* @__PURE__ */ compile(
    'id status! required_action?~{submit_tool_outputs?{tool_calls[id function{name arguments}]}} usage?~{} last_error?~{}',
  ),
  'thread.created': /* @__PURE__ */ compile('id'),
}

/** The kind of a JSON value, in the words of {@link KINDS}: no allocation, this runs for every field checked. */
function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}

/** A kind with its article, for the message: `an object`, `a string`. */
function named(kind: string): string {
  return `a${/^[ao]/.test(kind) ? 'n' : ''} ${kind}`
}

/** The problem with `value` under a rule, or undefined: arrays are checked entry by entry, objects field by field. */
function check(value: unknown, [, flags, expected, rules]: Rule): string | undefined {
  const kind = kindOf(value)
  if (expected === KINDS['!'] ? !(RUN_STATUSES as readonly unknown[]).includes(value) : kind !== expected) {
    // An object or array is named, not quoted (it may be large, or hold a secret).
    const received = /^[ao]/.test(kind) ? named(kind) : clip(JSON.stringify(value) ?? 'undefined', 40)
    return `: expected ${named(expected)}${flags.includes('~') ? ' or null' : ''}, received ${received}`
  }
  if (kind === 'array') {
    const list = value as readonly unknown[]
    for (let i = 0; i < list.length; i++) {
      const problem = check(list[i], rules[0]!)
      if (problem) return `[${i}]${problem}`
    }
    return undefined
  }
  const object = value as Dict
  for (const rule of rules) {
    const [key, ruleFlags] = rule
    const field = object[key]
    if (
      (ruleFlags.includes('=') && object.type !== key) ||
      (field === undefined && ruleFlags.includes('?')) ||
      (field === null && ruleFlags.includes('~'))
    ) {
      continue
    }
    const problem = check(field, rule)
    if (problem) return `.${key}${problem}`
  }
  return undefined
}

// The table walk reads fields by computed key, which V8 cannot cache per site (about 8 ns a field), and costs several
// times the rest of the parser per event. The deltas that stream token by token (a text fragment; a fragment of
// function arguments or of code interpreter input) are read with named loads instead, after the `id` check. Each
// returns true only for data the table accepts; anything else takes the table, which also writes the message.

function isFragment(event: string, data: Dict): boolean {
  const delta = data.delta as Dict | undefined
  if (event === MESSAGE_DELTA) {
    const parts = delta?.content as Dict[] | undefined
    const part = parts?.[0]
    const text = part?.text as Dict | undefined
    // A string `value` means that `text`, `part` and `delta` are objects.
    return (
      typeof text?.value === 'string' &&
      Array.isArray(parts) &&
      parts.length === 1 &&
      part!.type === 'text' &&
      typeof part!.index === 'number' &&
      text.annotations === undefined &&
      delta!.role === undefined
    )
  }
  const details = delta?.step_details as Dict | undefined
  const calls = details?.tool_calls as Dict[] | undefined
  const call = calls?.[0]
  const fn = call?.function as Dict | undefined
  const code = call?.code_interpreter as Dict | undefined
  // Either string means that `call`, `details` and the delta are objects.
  return (
    event === STEP_DELTA &&
    (call?.type === 'function'
      ? typeof fn?.arguments === 'string' && fn.name === undefined && fn.output === undefined
      : call?.type === 'code_interpreter' && typeof code?.input === 'string' && code.outputs === undefined) &&
    Array.isArray(calls) &&
    calls.length === 1 &&
    typeof call!.index === 'number' &&
    call!.id === undefined &&
    typeof details!.type === 'string'
  )
}

/**
 * The lenient check of one known event's data.
 *
 * @param event - a known event name other than `done` and `error`
 * @param data - the parsed JSON
 * @returns a problem such as `delta.content[0].index: expected a number, received "0"`, or undefined when fine
 */
export function checkLenient(event: string, data: unknown): string | undefined {
  const dict = data as Dict | null
  if (typeof dict?.id === 'string' && isFragment(event, dict)) return undefined
  for (const prefix in EVENTS) {
    if (event.startsWith(prefix)) {
      // The path of a field starts with its key, not with the dot; the data itself is named `data`.
      const problem = check(data, EVENTS[prefix]!)
      return problem?.[0] === ':' ? `data${problem}` : problem?.slice(1)
    }
  }
  return undefined
}
