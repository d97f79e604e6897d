import { shown } from '../errors.ts'
import type { RolesCodec } from '../roles/createRolesCodec.ts'
import type { Message, Run } from '../schemas/index.ts'
import type { ResponseSchemaName } from '../schemas/validation.ts'
import { createRunStream } from '../stream/createRunStream.ts'
import type { Client } from './createClient.ts'
import { isRecord, type Method, requestError, type Transport } from './createTransport.ts'
import type { RequestOptions, StreamOptions } from './options.ts'
import { createPageIterable } from './pagination.ts'
import type { PollOptions } from './runs.ts'

/**
 * Every REST method of the client, by collection (the resource is named after its last segment), as
 * `METHOD/path flags twin` with the path continuing the collection's. A method takes the ids of its path (each `*`, in
 * order), then a body (flag `b`; `o`: it may be left out), then a query (`q`; a list `l` always takes one), then its
 * request options. `l` returns a page iterable, `s` a run stream (the body gets `stream: true`); the rest resolve to
 * the answer. `twin` names the streaming method that a body with `stream: true` was meant for. Strict validation
 * checks an answer as an item of the collection (`messages`: a message), a DELETE's as `deleted`, and that of a method
 * with a twin as a run (it starts one). One table and one generic method keep the 27 methods from being 27
 * near-copies.
 */
const ROUTES: Record<string, Record<string, string>> = {
  '/threads': {
    create: 'POST bo',
    retrieve: 'GET/*',
    update: 'POST/* b',
    delete: 'DELETE/*',
    createAndRun: 'POST/runs b createAndRunStream',
    createAndRunStream: 'POST/runs bs',
  },
  '/threads/*/messages': {
    create: 'POST b',
    retrieve: 'GET/*',
    update: 'POST/* b',
    delete: 'DELETE/*',
    list: 'GET l',
  },
  '/threads/*/runs': {
    create: 'POST bq stream',
    stream: 'POST bqs',
    retrieve: 'GET/*',
    list: 'GET l',
    cancel: 'POST/*/cancel',
    submitToolOutputs: 'POST/*/submit_tool_outputs b submitToolOutputsStream',
    submitToolOutputsStream: 'POST/*/submit_tool_outputs bs',
  },
  '/threads/*/runs/*/steps': {
    list: 'GET l',
    retrieve: 'GET/* q',
  },
  '/assistants': {
    create: 'POST b',
    retrieve: 'GET/*',
    list: 'GET l',
    update: 'POST/* b',
    delete: 'DELETE/*',
  },
}

// The keys of RequestOptions and StreamOptions, none of them a query parameter of any route.
const OPTION_KEYS = ['signal', 'timeout', 'headers', 'initialState']

/**
 * Creates the resources of a client from {@link ROUTES}, plus `runs.poll`. Misuse (a bad id or body) throws a
 * TypeError before anything is sent: at once for lists and streams, as a rejection for the rest.
 *
 * @param t - the client's transport
 * @param roles - the client's roles codec: every returned message is decoded with it
 * @returns the resources
 */
export function createResources(t: Transport, roles: RolesCodec | undefined): Omit<Client, 'roles'> {
  const client: Record<string, Record<string, unknown>> = {}
  for (const [collection, routes] of Object.entries(ROUTES)) {
    const resource = collection.slice(collection.lastIndexOf('/') + 1)
    const methods: Record<string, unknown> = {}
    client[resource] = methods
    for (const [key, spec] of Object.entries(routes)) {
      const [, method, rest, flags, twin] = /(\w+)(\S*) ?(\w*) ?(\w*)/.exec(spec) as unknown as [
        string,
        Method,
        string,
        string,
        string,
      ]
      const template = collection + rest
      const schema = (twin ? 'run' : method === 'DELETE' ? 'deleted' : resource.slice(0, -1)) as ResponseSchemaName
      const name = `${resource}.${key}`
      const map = schema === 'message' && roles ? (message: Message) => roles.decode(message) : (value: never) => value
      const call = (...args: unknown[]): unknown => {
        const path = fill(template, args)
        let body: unknown
        if (/b/.test(flags)) {
          body = args.shift() ?? (/o/.test(flags) ? {} : undefined)
          if (!isRecord(body)) {
            throw new TypeError(
              `${name} needs a body object, got ${shown(body)}. Pass the JSON body of ${method} ${template}.`,
            )
          }
          if (twin && body['stream'] === true) {
            throw new TypeError(`${name} does not stream. Did you mean ${resource}.${twin}()?`)
          }
        }
        const query = /[lq]/.test(flags) ? (args.shift() as object | undefined) : undefined
        // Options passed where the query goes would be sent as `?timeout=...` or refused as a query value.
        const option = isRecord(query) && OPTION_KEYS.find((key) => key in query)
        if (option) {
          throw new TypeError(
            `${name}: ${option} is a request option, not a query parameter: pass it after the query (undefined if none).`,
          )
        }
        const options = args[0] as RequestOptions | undefined
        if (/l/.test(flags)) return createPageIterable(t, path, query ?? {}, schema, options, map)
        if (!/s/.test(flags))
          return t.request(method, path, schema, options, body, query).then((r) => map(r.data as never))
        return createRunStream(
          (signal) => t.request(method, path, schema, options, { ...body!, stream: true }, query, signal),
          { validation: t.validation, signal: options?.signal, initialState: (options as StreamOptions)?.initialState },
        )
      }
      methods[key] = /[ls]/.test(flags) ? call : async (...args: unknown[]) => call(...args)
    }
  }
  client['runs']!['poll'] = async (threadId: string, runId: string, { intervalMs = 1_000, ...o }: PollOptions = {}) => {
    const path = fill('/threads/*/runs/*', [threadId, runId])
    for (;;) {
      const { data: run, response } = await t.request<Run>('GET', path, 'run', o)
      if (typeof run.status !== 'string') {
        throw requestError('invalid_event', 'GET', path, 'the run has no status', { body: run })
      }
      // Done once the run stops moving on its own: terminal, or waiting for tool outputs (`requires_action`).
      if (!['queued', 'in_progress', 'cancelling'].includes(run.status)) return run
      // The server's hint when it is a positive number of ms up to a minute; anything else (missing, malformed,
      // negative, huge) is ignored, so a bad header can neither spin the loop nor stall it.
      const hint = Number(response.headers.get('openai-poll-after-ms'))
      await t.sleep(hint > 0 && hint <= 60_000 ? hint : intervalMs, o.signal)
    }
  }
  return client as unknown as Omit<Client, 'roles'>
}

/**
 * Fills the ids of a path template, taking them off the front of `args` and checking and encoding each one. Each `*`
 * is the id of the collection before it: `/threads/*` takes a `threadId`.
 *
 * @param template - the path template
 * @param args - the method's arguments; the ids are removed from it
 * @returns the path
 * @throws TypeError when an id is not a non-empty string (with a hint when an object with an `id` was passed)
 */
function fill(template: string, args: unknown[]): string {
  return template.replace(/(\w+)s\/\*/g, (_, collection: string) => {
    const value = args.shift()
    if (typeof value === 'string' && value !== '') return `${collection}s/${encodeURIComponent(value)}`
    const hint = typeof (value as { id?: unknown } | null)?.id === 'string' ? ` Did you mean ${collection}.id?` : ''
    throw new TypeError(`${collection}Id must be a non-empty string, got ${shown(value)}.${hint}`)
  })
}
