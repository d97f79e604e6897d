import type { JsonObject } from './body.ts'
import { isRefusal, type Refusal, refuse } from './errors.ts'
import type { BodyKind } from './routes.ts'

/**
 * The thread metadata key that holds the owner stamp. Only the proxy writes it: a request that sets it (to anything,
 * including `null` or `""`) is refused, on thread create, thread update and create-and-run's `thread.metadata`.
 */
export const OWNER_KEY = 'skein_owner'

/** What a body check needs to know about the configuration and the caller. */
export interface PolicyContext {
  /** Assistant ids runs may use. */
  assistants: ReadonlySet<string>
  /** Body fields the operator lets callers set (see {@link OVERRIDE_FIELDS}). */
  allowOverrides: ReadonlySet<string>
  /** The caller's owner stamp, written into the metadata of threads the caller creates or updates. */
  stamp: string
}

/**
 * Fields that change what a run does or costs. They are refused (403) unless named in `allowOverrides`; `null` means
 * "the assistant's default" and is dropped instead of forwarded, because an upstream might read `instructions: null`
 * as "no instructions".
 * `tool_resources` and `attachments` are here too: they point the model at files and vector stores by id.
 */
export const OVERRIDE_FIELDS: readonly string[] = [
  'model',
  'instructions',
  'additional_instructions',
  'tools',
  'tool_resources',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'temperature',
  'top_p',
  'max_prompt_tokens',
  'max_completion_tokens',
  'truncation_strategy',
  'attachments',
]

/** Fields every caller may set, per body kind. Anything neither here nor an allowed override is a 400. */
const BASE_FIELDS: Readonly<Record<BodyKind, readonly string[]>> = {
  'thread.create': ['messages', 'metadata'],
  'thread.update': ['metadata'],
  'thread.createAndRun': ['assistant_id', 'stream', 'metadata', 'thread'],
  'message.create': ['role', 'content', 'metadata'],
  'metadata.update': ['metadata'],
  'run.create': ['assistant_id', 'stream', 'metadata', 'additional_messages'],
  'run.submitToolOutputs': ['tool_outputs', 'stream'],
}

/**
 * Checks a parsed request body against the policy and returns the body to forward: a fresh object built from the
 * checked fields (with the owner stamp added where a thread is created or its metadata replaced). Upstream only ever
 * sees this re-serialized object, never the raw bytes, so parser differences (duplicate keys, escapes) cannot smuggle
 * a field past the check.
 *
 * @param kind - which body the route takes
 * @param body - the parsed body, or `null` when the request had none
 * @param context - configured assistants, allowed overrides and the caller's stamp
 * @returns the body to forward, or a refusal (400 for malformed or reserved fields, 403 for disallowed assistants
 *   and overrides)
 */
export function checkBody(kind: BodyKind, body: JsonObject | null, context: PolicyContext): JsonObject | Refusal {
  const input = body ?? {}
  const output = pickFields(kind, input, context, '')
  if (isRefusal(output)) return output
  switch (kind) {
    case 'thread.create':
      return checkThread(output, context, '')
    case 'thread.update':
      // Whether upstream merges or replaces metadata, re-sending the verified stamp keeps the owner. A client that
      // writes back the whole map it read (the response cache's chain does) sends the caller's own stamp unchanged:
      // that is not a change, and is allowed; any other value is refused.
      return 'metadata' in output ? stampMetadata(output, context, '', context.stamp) : output
    case 'thread.createAndRun': {
      const assistant = checkAssistant(output, context)
      if (assistant) return assistant
      const thread = output.thread ?? {}
      if (!isObject(thread)) return badType('thread', 'an object')
      const checked = pickFields('thread.create', thread, context, 'thread.')
      if (isRefusal(checked)) return checked
      const stamped = checkThread(checked, context, 'thread.')
      return isRefusal(stamped) ? stamped : { ...output, thread: stamped }
    }
    case 'message.create':
    case 'metadata.update':
      // Message metadata is not reserved: ownership lives on the thread only.
      return output
    case 'run.create': {
      const assistant = checkAssistant(output, context)
      if (assistant) return assistant
      return checkMessages(output, 'additional_messages', context, '') ?? output
    }
    case 'run.submitToolOutputs':
      return 'stream' in output && !isBooleanOrNull(output.stream) ? badType('stream', 'a boolean') : output
  }
}

/** Keeps allowed fields, drops `null` overrides, refuses unknown fields (400) and disallowed overrides (403). */
function pickFields(kind: BodyKind, input: JsonObject, context: PolicyContext, prefix: string): JsonObject | Refusal {
  const base = BASE_FIELDS[kind]
  const output: JsonObject = {}
  for (const [key, value] of Object.entries(input)) {
    if (base.includes(key)) {
      if (key === 'stream' && !isBooleanOrNull(value)) return badType(`${prefix}stream`, 'a boolean')
      output[key] = value
    } else if (context.allowOverrides.has(key)) {
      output[key] = value
    } else if (OVERRIDE_FIELDS.includes(key)) {
      if (value === null) continue
      return refuse(
        403,
        'permission_error',
        `The proxy does not allow overriding '${prefix}${key}'. Allow it with createProxy({ allowOverrides: ['${key}'] }).`,
        'override_not_allowed',
        `${prefix}${key}`,
      )
    } else {
      return refuse(
        400,
        'invalid_request_error',
        'Unknown parameter.',
        'unknown_parameter',
        `${prefix}${printable(key)}`,
      )
    }
  }
  return output
}

function checkThread(thread: JsonObject, context: PolicyContext, prefix: string): JsonObject | Refusal {
  const messages = checkMessages(thread, 'messages', context, prefix)
  if (messages) return messages
  return stampMetadata(thread, context, prefix)
}

function stampMetadata(
  target: JsonObject,
  context: PolicyContext,
  prefix: string,
  unchanged?: string,
): JsonObject | Refusal {
  const refusal = checkMetadata(target, prefix, unchanged)
  if (refusal) return refusal
  const metadata = isObject(target.metadata) ? target.metadata : {}
  return { ...target, metadata: { ...metadata, [OWNER_KEY]: context.stamp } }
}

function checkMetadata(target: JsonObject, prefix: string, unchanged?: string): Refusal | null {
  const metadata = target.metadata
  if (metadata === undefined || metadata === null) return null
  if (!isObject(metadata)) return badType(`${prefix}metadata`, 'an object')
  if (!Object.hasOwn(metadata, OWNER_KEY)) return null
  if (unchanged !== undefined && metadata[OWNER_KEY] === unchanged) return null
  return refuse(
    400,
    'invalid_request_error',
    `The metadata key '${OWNER_KEY}' is reserved for the proxy.`,
    'reserved_metadata_key',
    `${prefix}metadata.${OWNER_KEY}`,
  )
}

function checkMessages(target: JsonObject, field: string, context: PolicyContext, prefix: string): Refusal | null {
  const messages = target[field]
  if (messages === undefined || messages === null) return null
  if (!Array.isArray(messages)) return badType(`${prefix}${field}`, 'an array')
  for (const [index, message] of messages.entries()) {
    if (!isObject(message)) return badType(`${prefix}${field}[${index}]`, 'an object')
    const checked = pickFields('message.create', message, context, `${prefix}${field}[${index}].`)
    if (isRefusal(checked)) return checked
  }
  return null
}

function checkAssistant(body: JsonObject, context: PolicyContext): Refusal | null {
  const id = body.assistant_id
  if (typeof id !== 'string') return badType('assistant_id', 'a string')
  if (context.assistants.has(id)) return null
  return refuse(
    403,
    'permission_error',
    'This assistant is not available through the proxy.',
    'assistant_not_allowed',
    'assistant_id',
  )
}

function badType(param: string, expected: string): Refusal {
  return refuse(400, 'invalid_request_error', `'${param}' must be ${expected}.`, 'invalid_type', param)
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isBooleanOrNull(value: unknown): boolean {
  return value === null || typeof value === 'boolean'
}

function printable(key: string): string {
  return /^[A-Za-z0-9_.[\]-]{1,64}$/.test(key) ? key : '(unprintable)'
}
