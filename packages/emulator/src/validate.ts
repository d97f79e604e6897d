// Request-body checks with the API's own error texts (wire/rest.md §7, §8). Every check throws an ApiError (400).
import { badRequest } from './apiError.ts'
import type { Metadata } from './wire.ts'

/** A parsed JSON object body. */
export type Body = Record<string, unknown>

const PARSE_ERROR =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
  'correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble ' +
  'figuring out how to fix this, please contact us through our help center at help.openai.com.)'

/**
 * @param value - any JSON value
 * @returns how the API names its type in messages: `a string`, `an integer`, `an array`, `null`, ...
 */
export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'boolean') return 'a boolean'
  return 'an object'
}

/**
 * @param value - any value
 * @returns whether it is a plain JSON object (not null, not an array)
 */
export function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads a JSON object body. An empty body counts as `{}` (the SDKs send none on `POST /threads` or `/cancel`).
 *
 * @param request - the incoming request
 * @returns the body object
 */
export async function readJsonBody(request: Request): Promise<Body> {
  const text = await request.text()
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw badRequest(PARSE_ERROR)
  }
  if (!isObject(parsed)) throw invalidType('body', 'an object', parsed)
  return parsed
}

/**
 * @param param - the parameter path, e.g. `messages[0].role`
 * @param expected - e.g. `a string`
 * @param value - what was sent
 * @returns the API's `invalid_type` error
 */
export function invalidType(param: string, expected: string, value: unknown): ReturnType<typeof badRequest> {
  return badRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
    param,
    'invalid_type',
  )
}

/**
 * @param param - the parameter path
 * @param value - the value sent
 * @param allowed - the supported values
 * @returns the API's `invalid_value` error: `Invalid value: 'x'. Supported values are: 'a' and 'b'.`
 */
export function invalidValue(param: string, value: unknown, allowed: readonly string[]): ReturnType<typeof badRequest> {
  const quoted = allowed.map((item) => `'${item}'`)
  const list = quoted.length <= 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`
  return badRequest(`Invalid value: '${String(value)}'. Supported values are: ${list}.`, param, 'invalid_value')
}

/**
 * @param param - the missing parameter path
 * @returns the API's `missing_required_parameter` error
 */
export function missing(param: string): ReturnType<typeof badRequest> {
  return badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter')
}

/**
 * Rejects keys the endpoint does not know (the spec's `additionalProperties: false`).
 *
 * @param body - the object to check
 * @param allowed - its known keys
 * @param prefix - the object's path, e.g. `thread.` or `messages[0].`
 */
export function rejectUnknown(body: Body, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw badRequest(`Unknown parameter: '${prefix}${key}'.`, `${prefix}${key}`, 'unknown_parameter')
    }
  }
}

/**
 * @param body - the request body
 * @param key - the field
 * @param param - its path for errors
 * @returns the string, `null` when sent as null, or `undefined` when absent
 */
export function optionalString(body: Body, key: string, param: string = key): string | null | undefined {
  const value = body[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'string') throw invalidType(param, 'a string', value)
  return value
}

/**
 * @param body - the request body
 * @param key - the field
 * @param param - its path for errors
 * @returns the non-empty string
 */
export function requiredString(body: Body, key: string, param: string = key): string {
  const value = optionalString(body, key, param)
  if (value === undefined || value === null) throw missing(param)
  return value
}

/**
 * @param body - the request body
 * @param key - the field
 * @param range - inclusive bounds
 * @returns the number, `null`, or `undefined` when absent
 */
export function optionalNumber(
  body: Body,
  key: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number | null | undefined {
  const value = body[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'number' || !Number.isFinite(value) || (range.integer === true && !Number.isInteger(value))) {
    throw invalidType(key, range.integer === true ? 'an integer' : 'a number', value)
  }
  const kind = range.integer === true ? 'integer' : 'decimal'
  if (range.min !== undefined && value < range.min) {
    throw badRequest(
      `Invalid '${key}': ${kind} below minimum value. Expected a value >= ${range.min}, but got ${value} instead.`,
      key,
      `${kind}_below_min_value`,
    )
  }
  if (range.max !== undefined && value > range.max) {
    throw badRequest(
      `Invalid '${key}': ${kind} above maximum value. Expected a value <= ${range.max}, but got ${value} instead.`,
      key,
      `${kind}_above_max_value`,
    )
  }
  return value
}

/**
 * @param body - the request body
 * @param key - the field
 * @returns the boolean, `null`, or `undefined` when absent
 */
export function optionalBoolean(body: Body, key: string): boolean | null | undefined {
  const value = body[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'boolean') throw invalidType(key, 'a boolean', value)
  return value
}

/** The metadata limits (16 pairs, keys ≤ 64, values ≤ 512 characters), counted in Unicode code points. */
export const METADATA_LIMITS: { pairs: number; key: number; value: number } = { pairs: 16, key: 64, value: 512 }

/**
 * Checks `metadata` against the API's limits.
 *
 * @param value - the sent metadata
 * @param param - its path (e.g. `messages[0].metadata`)
 * @returns the metadata (`{}` for null), or `undefined` when absent
 */
export function checkMetadata(value: unknown, param = 'metadata'): Metadata | undefined {
  if (value === undefined) return undefined
  if (value === null) return {}
  if (!isObject(value)) throw invalidType(param, 'an object', value)
  const entries = Object.entries(value)
  if (entries.length > METADATA_LIMITS.pairs) {
    throw badRequest(
      `Invalid '${param}': too many properties. Expected an object with at most ${METADATA_LIMITS.pairs} properties, ` +
        `but got an object with ${entries.length} properties instead.`,
      param,
      'object_above_max_properties',
    )
  }
  const metadata: Metadata = {}
  for (const [key, item] of entries) {
    const keyLength = [...key].length
    if (keyLength > METADATA_LIMITS.key) {
      throw badRequest(
        `Invalid property name in '${param}': '${key}' is too long. Expected a string with maximum length ` +
          `${METADATA_LIMITS.key}, but got a string with length ${keyLength} instead.`,
        `${param}.${key}`,
        'property_name_above_max_length',
      )
    }
    if (typeof item !== 'string') throw invalidType(`${param}.${key}`, 'a string', item)
    const valueLength = [...item].length
    if (valueLength > METADATA_LIMITS.value) {
      throw badRequest(
        `Invalid '${param}.${key}': string too long. Expected a string with maximum length ${METADATA_LIMITS.value}, ` +
          `but got a string with length ${valueLength} instead.`,
        `${param}.${key}`,
        'string_above_max_length',
      )
    }
    // defineProperty, not assignment: a `__proto__` key must stay a plain key, never the prototype.
    Object.defineProperty(metadata, key, { value: item, enumerable: true, writable: true, configurable: true })
  }
  return metadata
}
