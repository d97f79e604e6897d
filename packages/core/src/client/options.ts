import type { RolesCodec } from '../roles/createRolesCodec.ts'
import type { Validation } from '../schemas/validation.ts'
import type { RunState } from '../state/runState.ts'
import type { RunStream } from '../stream/createRunStream.ts'

/** Which server dialect the client speaks: OpenAI's Assistants v2 or Azure AI Agents (classic). */
export type ClientFlavor = 'openai' | 'azure'

/**
 * Options of {@link createClient}. Our own options are camelCase; everything sent on the wire keeps its spelling.
 *
 * @example
 * ```ts
 * const client = createClient({ baseURL: '/api/skein' })                       // browser, through @skein/proxy
 * const server = createClient({ baseURL: 'https://api.example.com/v1', apiKey }) // server side
 * ```
 */
export interface ClientOptions {
  /** The upstream (`https://host/v1`) or, in a browser, the proxy route (`/api/skein`). Relative URLs are kept as given. */
  baseURL: string
  /** Sent as `Authorization: Bearer <apiKey>`. Server side only: a browser talks to the proxy without a key. */
  apiKey?: string | undefined
  /** Called before every request (tokens expire); its result is sent as the bearer token. Use instead of `apiKey`. */
  getToken?: (() => Promise<string>) | undefined
  /**
   * `openai` sends `OpenAI-Beta: assistants=v2`; `azure` adds `api-version` to every URL and sends no beta header.
   * @defaultValue `'openai'`
   */
  flavor?: ClientFlavor | undefined
  /**
   * The `api-version` query of the `azure` flavor.
   * @defaultValue `'v1'`
   */
  apiVersion?: string | undefined
  /** Extra headers on every request (per-request headers win). */
  headers?: Record<string, string> | undefined
  /** The fetch to use. Read at call time, so a replaced `options.fetch` or `globalThis.fetch` is honoured. */
  fetch?: typeof fetch | undefined
  /**
   * How much of each stream event and REST response is checked:
   * - `'lenient'`: what the reducer reads (ids, statuses, appended delta fields, indices);
   * - `'off'`: nothing but the JSON syntax;
   * - `strict`: every event and response against its full schema. It is opt-in by import, so that apps which do not
   *   use it ship neither the schemas nor valibot: `import { strict } from '@skein/core/strict'`, then
   *   `createClient({ baseURL, validation: strict })`. The string `'strict'` throws a TypeError that says so.
   * @defaultValue `'lenient'`
   */
  validation?: Validation | undefined
  /**
   * Milliseconds before a request gives up with `AssistantsError('timeout')`. For streams it bounds the wait for the
   * response headers, not the stream itself.
   * @defaultValue `60_000`
   */
  timeout?: number | undefined
  /**
   * How many times an idempotent GET is retried (network error, 408, 409, 429, 5xx). Other requests never are.
   * @defaultValue `2`
   */
  maxRetries?: number | undefined
  /**
   * A roles codec (`createRolesCodec`). When set, `messages.create/retrieve/update/list` return decoded messages: each
   * has an `author` and its content without the author label. `client.roles` is this codec.
   */
  roles?: RolesCodec | undefined
}

/** Options every client method takes as its last argument. */
export interface RequestOptions {
  /** Aborts the request; the signal's reason is thrown as it is. */
  signal?: AbortSignal | undefined
  /** Overrides {@link ClientOptions.timeout} for this call. */
  timeout?: number | undefined
  /** Extra headers for this call; they win over every other header. */
  headers?: Record<string, string> | undefined
}

/** Options of the methods that return a {@link RunStream}. */
export interface StreamOptions extends RequestOptions {
  /**
   * The run state the stream's events are folded onto (a tool-output stream continuing a run you already hold).
   * @defaultValue `initialRunState()`
   */
  initialState?: RunState | undefined
}
