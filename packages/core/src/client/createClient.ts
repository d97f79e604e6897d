import type { RolesCodec } from '../roles/createRolesCodec.ts'
import { type AssistantsResource, createAssistantsResource } from './assistants.ts'
import { createMessagesResource, type MessagesResource } from './messages.ts'
import type { ClientOptions } from './options.ts'
import { createTransport, type TransportInternals } from './request.ts'
import { createRunsResource, type RunsResource } from './runs.ts'
import { createStepsResource, type StepsResource } from './steps.ts'
import { createThreadsResource, type ThreadsResource } from './threads.ts'

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
  checkOptions(options)
  const transport = createTransport(options, internals)
  const roles = options.roles
  return {
    threads: createThreadsResource(transport),
    messages: createMessagesResource(transport, roles === undefined ? undefined : (message) => roles.decode(message)),
    runs: createRunsResource(transport),
    steps: createStepsResource(transport),
    assistants: createAssistantsResource(transport),
    roles,
  }
}

function checkOptions(options: ClientOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError("createClient needs an options object, e.g. createClient({ baseURL: '/api/skein' }).")
  }
  const { baseURL, apiKey, getToken, flavor, validation, timeout, maxRetries } = options
  if (typeof baseURL !== 'string' || baseURL.trim() === '') {
    throw new TypeError(
      "createClient: baseURL must be a non-empty string, e.g. 'https://api.openai.com/v1' or '/api/skein'.",
    )
  }
  if (/[?#]/.test(baseURL)) {
    throw new TypeError(
      'createClient: baseURL must not contain a query or fragment. Did you mean the apiVersion option?',
    )
  }
  if (apiKey !== undefined && getToken !== undefined) {
    throw new TypeError('createClient: pass apiKey or getToken, not both.')
  }
  if (getToken !== undefined && typeof getToken !== 'function') {
    throw new TypeError('createClient: getToken must be a function returning a Promise of the token.')
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createClient: fetch must be a function with the signature of the global fetch.')
  }
  if (flavor !== undefined && flavor !== 'openai' && flavor !== 'azure') {
    throw new TypeError(`createClient: flavor must be 'openai' or 'azure', got ${JSON.stringify(flavor)}.`)
  }
  if (validation !== undefined && validation !== 'strict' && validation !== 'lenient' && validation !== 'off') {
    throw new TypeError(
      `createClient: validation must be 'strict', 'lenient' or 'off', got ${JSON.stringify(validation)}.`,
    )
  }
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0)) {
    throw new TypeError('createClient: timeout must be a positive number of milliseconds.')
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new TypeError('createClient: maxRetries must be a whole number ≥ 0.')
  }
  const { roles } = options
  if (roles !== undefined && (typeof roles?.encode !== 'function' || typeof roles.decode !== 'function')) {
    throw new TypeError(
      'createClient: roles must be a codec from createRolesCodec(). Did you mean roles: createRolesCodec({ roles })?',
    )
  }
}
