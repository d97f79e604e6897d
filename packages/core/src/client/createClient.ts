import { shown } from '../errors.ts'
import type { RolesCodec } from '../roles/createRolesCodec.ts'
import type { AssistantsResource } from './assistants.ts'
import { createResources } from './createResources.ts'
import { createTransport, isRecord, type TransportInternals } from './createTransport.ts'
import type { MessagesResource } from './messages.ts'
import type { ClientOptions } from './options.ts'
import type { RunsResource } from './runs.ts'
import type { StepsResource } from './steps.ts'
import type { ThreadsResource } from './threads.ts'

/** The Assistants REST client: one resource per route family. Members are plain closures and may be passed around. */
export interface Client {
  readonly threads: ThreadsResource
  readonly messages: MessagesResource
  readonly runs: RunsResource
  readonly steps: StepsResource
  readonly assistants: AssistantsResource
  /**
   * The roles codec given as `options.roles`, if any. Stores and the response cache decode with it, and fall back to
   * `defaultRolesCodec`; left undefined here so that a client that only streams runs does not ship the codec.
   */
  readonly roles: RolesCodec | undefined
}

/**
 * Creates a client for an Assistants v2-compatible server: OpenAI-style upstreams, Azure AI Agents (classic),
 * `@skein/proxy` in a browser, or `@skein/emulator` in tests. Request bodies and results keep the wire spelling.
 *
 * @param options - base URL, auth, flavor, fetch, validation, timeout and retries
 * @returns the client
 * @throws TypeError when an option is invalid
 * @example
 * ```ts
 * const client = createClient({ baseURL: '/api/skein' })
 * const thread = await client.threads.create()
 * await client.messages.create(thread.id, { role: 'user', content: 'Hello' })
 * const stream = client.runs.stream(thread.id, { assistant_id: 'asst_1' })
 * for await (const event of stream) console.log(event.event)
 * const { messages } = await stream.done()
 * ```
 */
export function createClient(options: ClientOptions): Client {
  return createClientWith(options)
}

/**
 * {@link createClient} with test seams (backoff sleep, jitter, clock). Internal: not exported from the package.
 *
 * @param options - the client options
 * @param internals - replacements for sleep, random and now
 * @returns the client
 */
export function createClientWith(options: ClientOptions, internals?: TransportInternals): Client {
  if (!isRecord(options)) {
    throw new TypeError("createClient needs an options object, e.g. createClient({ baseURL: '/api/skein' }).")
  }
  for (const [key, valid, must, show] of RULES) {
    const value = options[key]
    if ((value !== undefined || key === 'baseURL') && !valid(value, options)) {
      throw new TypeError(`createClient: ${key} ${must}${show ? `, got ${shown(value)}.` : '.'}`)
    }
  }
  return { ...createResources(createTransport(options, internals), options.roles), roles: options.roles }
}

const isFunction = (value: unknown): boolean => typeof value === 'function'

/**
 * Each option that is set must pass its check, and `baseURL` must be set. The message reads `createClient: <key>
 * <must>`, plus the value given when `show` is set (never for options that may hold a secret).
 */
const RULES: readonly [
  key: keyof ClientOptions,
  valid: (value: unknown, options: ClientOptions) => boolean,
  must: string,
  show?: 1,
][] = [
  [
    'baseURL',
    (value) => typeof value === 'string' && value.trim() !== '',
    "must be a non-empty string like '/api/skein'",
  ],
  ['baseURL', (value) => !/[?#]/.test(value as string), 'must not hold a query; use the apiVersion option'],
  ['apiKey', (_, options) => options.getToken === undefined, 'or getToken, not both'],
  ['getToken', isFunction, 'must be a function'],
  ['fetch', isFunction, 'must be a function', 1],
  ['flavor', (value) => value === 'openai' || value === 'azure', "must be 'openai' or 'azure'", 1],
  ['timeout', (value) => typeof value === 'number' && value > 0, 'must be a positive number', 1],
  ['maxRetries', (value) => Number.isInteger(value) && (value as number) >= 0, 'must be a whole number ≥ 0', 1],
  [
    'roles',
    (value) => isFunction((value as RolesCodec | null)?.encode) && isFunction((value as RolesCodec).decode),
    'must be a codec. Did you mean roles: createRolesCodec({ roles })?',
  ],
]
