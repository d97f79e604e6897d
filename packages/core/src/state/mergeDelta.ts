// One merge for both delta events. Message and run-step deltas share one format: their objects mirror the snapshot,
// the arrays under a few keys hold items placed by their `index`, and streamed strings arrive in pieces. So the rules
// are tables, not code per type: strings under APPEND grow, arrays under LISTS merge item by item, objects merge key
// by key, and everything else replaces (ids, `output`, positions, image ids, file search results).
//
// STYLE.md asks for typed accumulation, not a generic `accumulateDelta(Record<string, any>)`; what it guards against
// is openai-node's, which appends every string (ids too), sums numbers and grows an array to any index. Here the
// walk is generic but the rules are typed: only the APPEND keys grow, only the LISTS merge by index, a new item starts
// as its wire type (newItem.ts) and keeps that type, numbers are never summed, and a hostile index fails (1e9 does
// not allocate). Inputs are never mutated; only the objects on the changed path are copied, so every untouched part,
// call and sibling keeps its identity; `__proto__`, `constructor` and `prototype` keys are skipped, and every object
// written is a literal or a copy of one.
import { AssistantsError } from '../errors.ts'
import { hasExactKeys } from './hasExactKeys.ts'
import { newItem } from './newItem.ts'

type Json = Record<string, unknown>
type Build = (from: Json) => Json

const APPEND: ReadonlySet<string> = new Set(['value', 'refusal', 'text', 'quote', 'name', 'arguments', 'input', 'logs'])

// The keys whose arrays are placed by `index`, with the word that names one item in errors. No prototype, so that a
// key such as `toString` is not a list.
const LISTS = {
  __proto__: null,
  content: 'part',
  annotations: 'annotation',
  tool_calls: 'call',
  outputs: 'output',
} as unknown as Record<string, string | undefined>

// The keys and list positions leading to the value being merged, for error messages: written on the way down, read
// only when a delta fails, so no path string is built per delta. Module state is safe: the merge is synchronous.
const path: (string | number)[] = ['delta']

// The literal copies of the objects every delta copies (hasExactKeys.ts says why a literal), by the key they sit
// under. The keys of each are the wire order, and the order this merge builds.
const BUILD: Record<string, Build> = {
  messages: (m) => ({
    id: m.id,
    object: m.object,
    created_at: m.created_at,
    assistant_id: m.assistant_id,
    thread_id: m.thread_id,
    run_id: m.run_id,
    status: m.status,
    incomplete_details: m.incomplete_details,
    incomplete_at: m.incomplete_at,
    completed_at: m.completed_at,
    role: m.role,
    content: m.content,
    attachments: m.attachments,
    metadata: m.metadata,
  }),
  steps: (s) => ({
    id: s.id,
    object: s.object,
    created_at: s.created_at,
    run_id: s.run_id,
    assistant_id: s.assistant_id,
    thread_id: s.thread_id,
    type: s.type,
    status: s.status,
    cancelled_at: s.cancelled_at,
    completed_at: s.completed_at,
    expires_at: s.expires_at,
    failed_at: s.failed_at,
    last_error: s.last_error,
    step_details: s.step_details,
    usage: s.usage,
  }),
  content: (o) => ({ type: o.type, text: o.text }),
  text: (o) => ({ value: o.value, annotations: o.annotations }),
  step_details: (o) => ({ type: o.type, tool_calls: o.tool_calls }),
  tool_calls: (o) => ({ id: o.id, type: o.type, function: o.function }),
  function: (o) => ({ name: o.name, arguments: o.arguments, output: o.output }),
}

// The last literal copy made at each depth, and its literal. The next delta copies that same object again and needs
// no key check then: one comparison instead of a walk over the object's keys. This saves work and never changes a
// result, since a literal copy of an object that has exactly the literal's keys is that object's copy.
const made: unknown[] = []
const makers: Build[] = []

/**
 * Merges the `delta` of a `thread.message.delta` or `thread.run.step.delta` into the message or step it names, and
 * (recursively) any object of a delta into the snapshot object at the same place.
 *
 * @param target - the current snapshot object: the message or run step at the top
 * @param delta - the delta object for it: the event's `data.delta` at the top
 * @param key - the key `target` sits under, which names its literal copy: `'messages'` or `'steps'` at the top
 * @param event - the event name, for errors
 * @param depth - the depth of `target`, for error paths and the copy cache
 * @returns a new object that shares every untouched part, or `target` itself when the delta changes nothing
 * @throws AssistantsError `invalid_event` for an out-of-bounds index, an unknown item type or a type that changes
 */
export function mergeDelta<TTarget extends object>(
  target: TTarget,
  delta: object,
  key: string,
  event: string,
  depth = 1,
): TTarget {
  let out = target as Json
  // The literal that copied `target`, as long as `out` has exactly that literal's keys.
  let build: Build | undefined
  for (const k in delta) {
    const value = (delta as Json)[k]
    if (value === undefined || k === 'index' || k === '__proto__' || k === 'constructor' || k === 'prototype') continue
    const prev = (target as Json)[k]
    let next: unknown = value
    if (k === 'type' && prev !== undefined) {
      // Azure previews label the delta of a tool_calls step `mcp` or `openapi` (wire/azure.md).
      if (value === prev || (prev === 'tool_calls' && (value === 'mcp' || value === 'openapi'))) continue
      const word = LISTS[key]
      throw fail(
        event,
        depth,
        k,
        `"${value}" does not match the ${word ? `existing ${prev} ${word}` : `step's ${prev} details`}`,
      )
    }
    if (Array.isArray(value) || Array.isArray(prev)) {
      if (LISTS[k]) next = mergeList(prev, value, depth, k, event)
    } else if (typeof value === 'object' && value !== null) {
      path[depth] = k
      next = mergeDelta(prev && typeof prev === 'object' ? prev : {}, value, k, event, depth + 1)
    } else if (typeof value === 'string' && typeof prev === 'string' && APPEND.has(k)) {
      next = prev + value
    }
    if (next !== prev) {
      if (out === target) {
        if (made[depth] === target) build = makers[depth]
        else {
          build = BUILD[key]
          // The literal's keys, read back from the literal itself (on the first copy of an object only).
          if (build && !hasExactKeys(target, Object.keys(build({})))) build = undefined
        }
        out = build ? build(out) : { ...out }
      }
      // A new key: `out` is still the right copy, but no longer one of that literal.
      if (prev === undefined) build = undefined
      out[k] = next
    }
  }
  if (build) {
    made[depth] = out
    makers[depth] = build
  }
  return out as TTarget
}

function mergeList(target: unknown, items: unknown, depth: number, key: string, event: string): Json[] {
  if (!Array.isArray(items)) throw fail(event, depth, key, 'expected an array')
  path[depth++] = key
  const list: Json[] = Array.isArray(target) ? target : []
  let out = list
  for (let p = 0; p < items.length; p++) {
    const item = items[p] as Json | null
    // Not yet known to be a number: checked below before it is used.
    const index = item?.index as number
    path[depth] = p
    if (!(Number.isInteger(index) && index >= 0 && index <= out.length)) {
      const got = typeof index === 'number' ? index : JSON.stringify(index)
      throw fail(
        event,
        depth + 1,
        'index',
        `index ${got} is out of bounds (expected an integer from 0 to ${out.length})`,
      )
    }
    const type = item!.type
    const prev = out[index] ?? newItem(key, type)
    if (!prev) throw fail(event, depth + 1, 'type', `unknown ${key} type ${JSON.stringify(type)}`)
    const next = append(prev, item!, depth + 1) ?? mergeDelta(prev, item!, key, event, depth + 1)
    if (next !== out[index]) {
      if (out === list) out = list.slice()
      out[index] = next
    }
  }
  return out
}

function fail(event: string, depth: number, last: string, problem: string): AssistantsError {
  let at = ''
  for (let i = 0; i < depth; i++) {
    const segment = path[i]
    at += typeof segment === 'number' ? `[${segment}]` : i ? `.${segment}` : segment
  }
  return new AssistantsError('invalid_event', `${event}: ${at}.${last}: ${problem}`, { event })
}

/**
 * The hot path of every stream, with the result of {@link mergeDelta}: an item delta that only appends to one string
 * of its payload (`{ index, type, text: { value } }`, `{ index, type, function: { arguments } }`), for an item and
 * payload that are literal copies made at the previous delta. Those two levels are half the work of a delta, and
 * here they take no key check, no branch per key and no path. Anything else returns undefined, for the general merge.
 */
function append(prev: Json, item: Json, depth: number): Json | undefined {
  if (made[depth] !== prev || item.type !== prev.type) return
  let at = ''
  for (const k in item) {
    if (k === 'index' || k === 'type') continue
    if (at) return
    at = k
  }
  // A payload that is not an object lists no key, or indices only: `leaf` stays empty or its value is no string.
  const payload = prev[at] as Json
  const delta = item[at] as Json
  let leaf = ''
  for (const k in delta) {
    if (leaf) return
    leaf = k
  }
  const piece = delta?.[leaf]
  const text = payload?.[leaf]
  if (made[depth + 1] !== payload || !piece || typeof piece !== 'string' || typeof text !== 'string') return
  if (!APPEND.has(leaf)) return
  const inner = makers[depth + 1]!(payload)
  inner[leaf] = text + piece
  const outer = makers[depth]!(prev)
  outer[at] = inner
  made[depth + 1] = inner
  made[depth] = outer
  return outer
}
