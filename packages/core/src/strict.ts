// The `@skein/core/strict` entry: full schema validation, opt-in by import so that apps which do not ask for it ship
// neither the schemas nor valibot.
import * as v from 'valibot'
import { AssistantsError } from './errors.ts'
import { EVENT_DATA_SCHEMAS, RESPONSE_SCHEMAS } from './schemas/strictSchemas.ts'
import type { StrictValidation } from './schemas/validation.ts'

/**
 * Strict validation: every stream event and every REST answer is checked against its full valibot schema. A mismatch
 * is an `AssistantsError('invalid_event')` naming the event (or request) and the path of the first issue, with all
 * `issues` attached. Checked values are the schemas' output (e.g. without `__proto__` keys).
 *
 * @example
 * ```ts
 * import { createClient, parseEventStream } from '@skein/core'
 * import { strict } from '@skein/core/strict'
 *
 * const client = createClient({ baseURL: '/api/skein', validation: strict })
 * for await (const event of parseEventStream(response.body!, { validation: strict })) handle(event)
 * ```
 */
export const strict: StrictValidation = {
  event(name, data) {
    const schema = (EVENT_DATA_SCHEMAS as Partial<Record<string, v.GenericSchema>>)[name]
    if (schema === undefined) return data
    const result = v.safeParse(schema, data)
    if (result.success) return result.output
    throw new AssistantsError('invalid_event', `${name}: ${describeIssue(result.issues[0])}`, {
      event: name,
      body: data,
      issues: result.issues,
    })
  },
  response(schema, value, target) {
    const result = v.safeParse(RESPONSE_SCHEMAS[schema], value)
    if (result.success) return result.output
    const issue = result.issues[0]
    const where = v.getDotPath(issue) ?? '(root)'
    const message = `[${target.method}] ${target.path}: the response does not match its schema at ${where}: ${issue.message}`
    throw new AssistantsError('invalid_event', message, { ...target, issues: result.issues, body: value })
  },
}

type Issue = v.BaseIssue<unknown>

// A union issue nests the issues of its options, with paths relative to the union; follow the first one down to the
// actual field and join the paths on the way.
function describeIssue(issue: Issue): string {
  let current = issue
  let path = pathOf(current)
  while (current.issues !== undefined && current.issues.length > 0) {
    current = current.issues[0]!
    path += pathOf(current)
  }
  return `${path === '' ? 'data' : path.replace(/^\./, '')}: ${current.message}`
}

function pathOf(issue: Issue): string {
  let path = ''
  for (const item of issue.path ?? []) {
    const key: unknown = item.key
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`
  }
  return path
}
