// The `validation: 'lenient'` checks: hand-written guards over exactly the fields the reducer (and the stores that
// read its snapshots) rely on: ids, statuses, the delta fields that are appended and the indices that place them.
// They run on every delta, so the happy path allocates nothing: a check returns `undefined`, or a problem whose path
// is relative to the value it checked (`.text.value: expected a string, ...`), and each caller prepends its own
// segment only on the way out of a failure.
import { RUN_STATUSES } from '../schemas/runStatus.ts'

type Problem = string | undefined
type Dict = Record<string, unknown>

const RUN_STATUS_SET: ReadonlySet<unknown> = new Set(RUN_STATUSES)

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'object') return 'an object'
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value
}

function fail(key: string, expected: string, value: unknown): string {
  return `.${key}: expected ${expected}, received ${describe(value)}`
}

function str(dict: Dict, key: string): Problem {
  const value = dict[key]
  return typeof value === 'string' ? undefined : fail(key, 'a string', value)
}

function optStr(dict: Dict, key: string): Problem {
  const value = dict[key]
  return value === undefined || typeof value === 'string' ? undefined : fail(key, 'a string', value)
}

function index(dict: Dict): Problem {
  const value = dict.index
  return typeof value === 'number' ? undefined : fail('index', 'a number', value)
}

function optDict(dict: Dict, key: string): Problem {
  const value = dict[key]
  return value === undefined || isDict(value) ? undefined : fail(key, 'an object', value)
}

function nullishDict(dict: Dict, key: string): Problem {
  const value = dict[key]
  return value === undefined || value === null || isDict(value) ? undefined : fail(key, 'an object or null', value)
}

/** Checks the (optional) object at `key` with `check`. */
function inside(dict: Dict, key: string, check: (inner: Dict) => Problem): Problem {
  const value = dict[key]
  if (value === undefined) return undefined
  if (!isDict(value)) return fail(key, 'an object', value)
  const problem = check(value)
  return problem === undefined ? undefined : `.${key}${problem}`
}

/** Checks every entry of the (optional unless `required`) array at `key` with `check`. */
function eachOf(dict: Dict, key: string, required: boolean, check: (item: Dict) => Problem): Problem {
  const list = dict[key]
  if (list === undefined && !required) return undefined
  if (!Array.isArray(list)) return fail(key, 'an array', list)
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i]
    if (!isDict(item)) return `.${key}[${i}]: expected an object, received ${describe(item)}`
    const problem = check(item)
    if (problem !== undefined) return `.${key}[${i}]${problem}`
  }
  return undefined
}

function withId(data: unknown): Problem {
  return isDict(data) ? str(data, 'id') : `: expected an object, received ${describe(data)}`
}

const runToolCall = (call: Dict): Problem =>
  str(call, 'id') ??
  (isDict(call.function) ? fnNameAndArguments(call.function) : fail('function', 'an object', call.function))

function fnNameAndArguments(fn: Dict): Problem {
  const problem = str(fn, 'name') ?? str(fn, 'arguments')
  return problem === undefined ? undefined : `.function${problem}`
}

function run(data: unknown): Problem {
  const problem = withId(data)
  if (problem !== undefined) return problem
  const dict = data as Dict
  if (!RUN_STATUS_SET.has(dict.status)) return fail('status', 'a run status', dict.status)
  return (
    (dict.required_action === null
      ? undefined
      : inside(dict, 'required_action', (action) =>
          inside(action, 'submit_tool_outputs', (outputs) => eachOf(outputs, 'tool_calls', true, runToolCall)),
        )) ??
    nullishDict(dict, 'usage') ??
    nullishDict(dict, 'last_error')
  )
}

function step(data: unknown): Problem {
  const problem = withId(data) ?? str(data as Dict, 'status')
  if (problem !== undefined) return problem
  const details = (data as Dict).step_details
  if (!isDict(details)) return fail('step_details', 'an object', details)
  const inner =
    str(details, 'type') ??
    (details.type === 'tool_calls' ? eachOf(details, 'tool_calls', true, (call) => str(call, 'type')) : undefined)
  return inner === undefined ? undefined : `.step_details${inner}`
}

function output(out: Dict): Problem {
  return index(out) ?? str(out, 'type') ?? optStr(out, 'logs') ?? optDict(out, 'image')
}

function toolCallDelta(call: Dict): Problem {
  // The common case (an `arguments` fragment) reads named fields and allocates nothing; only a failure (or a rare
  // field) takes the general checks, which also build the message.
  const fn = call.function
  if (
    typeof call.index === 'number' &&
    typeof call.type === 'string' &&
    (call.id === undefined || typeof call.id === 'string') &&
    call.code_interpreter === undefined &&
    call.file_search === undefined &&
    (fn === undefined ||
      (isDict(fn) &&
        (fn.name === undefined || typeof fn.name === 'string') &&
        (fn.arguments === undefined || typeof fn.arguments === 'string') &&
        (fn.output === undefined || fn.output === null || typeof fn.output === 'string')))
  ) {
    return undefined
  }
  return (
    index(call) ??
    str(call, 'type') ??
    optStr(call, 'id') ??
    inside(call, 'function', functionDelta) ??
    inside(call, 'code_interpreter', codeInterpreterDelta) ??
    optDict(call, 'file_search')
  )
}

function functionDelta(fn: Dict): Problem {
  const bad = optStr(fn, 'name') ?? optStr(fn, 'arguments')
  if (bad !== undefined) return bad
  const out = fn.output
  return out === undefined || out === null || typeof out === 'string'
    ? undefined
    : fail('output', 'a string or null', out)
}

function codeInterpreterDelta(ci: Dict): Problem {
  return optStr(ci, 'input') ?? eachOf(ci, 'outputs', false, output)
}

function stepDelta(data: unknown): Problem {
  const problem = withId(data)
  if (problem !== undefined) return problem
  const delta = (data as Dict).delta
  if (!isDict(delta)) return fail('delta', 'an object', delta)
  const details = delta.step_details
  if (details === undefined) return undefined
  if (!isDict(details)) return `.delta${fail('step_details', 'an object', details)}`
  const inner = stepDetailsDelta(details)
  return inner === undefined ? undefined : `.delta.step_details${inner}`
}

function stepDetailsDelta(details: Dict): Problem {
  return (
    str(details, 'type') ?? optDict(details, 'message_creation') ?? eachOf(details, 'tool_calls', false, toolCallDelta)
  )
}

function textPart(part: Dict): Problem {
  const problem = str(part, 'type')
  if (problem !== undefined || part.type !== 'text') return problem
  if (!isDict(part.text)) return fail('text', 'an object', part.text)
  return inside(part, 'text', (text) => str(text, 'value'))
}

function message(data: unknown): Problem {
  return withId(data) ?? eachOf(data as Dict, 'content', true, textPart)
}

function annotationDelta(annotation: Dict): Problem {
  return (
    index(annotation) ??
    str(annotation, 'type') ??
    optStr(annotation, 'text') ??
    optDict(annotation, 'file_citation') ??
    optDict(annotation, 'file_path') ??
    optDict(annotation, 'url_citation')
  )
}

function contentDelta(part: Dict): Problem {
  // The common case (a text fragment without annotations) reads named fields and allocates nothing; only a failure
  // (or a rare field) takes the general checks, which also build the message.
  const text = part.text
  if (
    typeof part.index === 'number' &&
    typeof part.type === 'string' &&
    part.refusal === undefined &&
    part.image_file === undefined &&
    part.image_url === undefined &&
    (text === undefined ||
      (isDict(text) &&
        (text.value === undefined || typeof text.value === 'string') &&
        (text.annotations === undefined || (Array.isArray(text.annotations) && text.annotations.length === 0))))
  ) {
    return undefined
  }
  return (
    index(part) ??
    str(part, 'type') ??
    optStr(part, 'refusal') ??
    inside(part, 'text', textDelta) ??
    optDict(part, 'image_file') ??
    optDict(part, 'image_url')
  )
}

function textDelta(text: Dict): Problem {
  return optStr(text, 'value') ?? eachOf(text, 'annotations', false, annotationDelta)
}

function messageDelta(data: unknown): Problem {
  const problem = withId(data)
  if (problem !== undefined) return problem
  const delta = (data as Dict).delta
  if (!isDict(delta)) return fail('delta', 'an object', delta)
  const inner = optStr(delta, 'role') ?? eachOf(delta, 'content', false, contentDelta)
  return inner === undefined ? undefined : `.delta${inner}`
}

function check(event: string, data: unknown): Problem {
  if (event === 'thread.message.delta') return messageDelta(data)
  if (event === 'thread.run.step.delta') return stepDelta(data)
  if (event.startsWith('thread.message.')) return message(data)
  if (event.startsWith('thread.run.step.')) return step(data)
  if (event.startsWith('thread.run.')) return run(data)
  if (event === 'thread.created') return withId(data)
  return undefined
}

/**
 * The lenient check of one known event's data.
 *
 * @param event - a known event name other than `done` and `error`
 * @param data - the parsed JSON
 * @returns a problem such as `delta.content[0].index: expected a number, received "0"`, or undefined when fine
 */
export function checkLenient(event: string, data: unknown): string | undefined {
  const problem = check(event, data)
  if (problem === undefined) return undefined
  return problem.startsWith(':') ? `data${problem}` : problem.slice(1)
}
