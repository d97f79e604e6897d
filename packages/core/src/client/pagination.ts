import type { ResponseSchemaName } from '../schemas/validation.ts'
import { requestError, type Transport } from './createTransport.ts'
import type { RequestOptions } from './options.ts'
import type { ListQuery } from './params.ts'

/**
 * One page of a list route, normalised: Azure's envelope (no `object`, no `first_id`) reads the same as OpenAI's.
 * Ids are `null` on an empty page.
 */
export interface Page<TItem> {
  data: TItem[]
  first_id: string | null
  last_id: string | null
  has_more: boolean
}

/**
 * The answer of every `list` method: iterate it for the items of every page, or use its pages. Nothing is fetched
 * until it is iterated, and `break` stops fetching.
 *
 * @example
 * ```ts
 * for await (const message of client.messages.list(threadId, { order: 'asc' })) render(message)
 * const { data, has_more } = await client.messages.list(threadId, { limit: 20 }).firstPage()
 * ```
 */
export interface PageIterable<TItem> extends AsyncIterable<TItem> {
  /** Every page in turn, following `after = last_id` while `has_more`. */
  pages(): AsyncGenerator<Page<TItem>, void, undefined>
  /** The first page only (the query's own cursor). */
  firstPage(): Promise<Page<TItem>>
}

/** A list response as sent. */
type Wire = Record<string, unknown>

/**
 * Creates the lazy {@link PageIterable} of one list route.
 *
 * @param transport - the client's transport
 * @param path - the list route, e.g. `/threads/thread_1/messages`
 * @param query - the first page's query; later pages replace `after`
 * @param schema - the item schema's name, checked by strict validation
 * @param options - request options applied to every page
 * @param map - applied to every item (the roles codec's `decode` for messages)
 * @returns the iterable
 */
export function createPageIterable<TItem>(
  transport: Transport,
  path: string,
  query: ListQuery,
  schema: ResponseSchemaName,
  options: RequestOptions | undefined,
  map: (item: never) => TItem = (item) => item,
): PageIterable<TItem> {
  async function* pages(): AsyncGenerator<Page<TItem>, void, undefined> {
    for (let cursor = query.after; ; ) {
      const search = { ...query, after: cursor }
      const { data: raw } = await transport.request<Wire>('GET', path, undefined, options, undefined, search)
      const items = raw['data']
      if (!Array.isArray(items)) fail('a list response needs a "data" array', raw)
      const data = items.map((item) => map(transport.check<never>(schema, item, 'GET', path)))
      // Azure's envelope has no `first_id` (and may lack `last_id`): the items' ids stand in.
      const idOf = (item: unknown) => (item as { id?: string } | undefined)?.id ?? null
      const page: Page<TItem> = {
        data,
        first_id: (raw['first_id'] as string | null | undefined) ?? idOf(data[0]),
        last_id: (raw['last_id'] as string | null | undefined) ?? idOf(data.at(-1)),
        has_more: raw['has_more'] === true,
      }
      yield page
      if (!page.has_more) return
      // A server that says "more" without a new cursor would make us fetch the same page forever.
      if (page.last_id === null || page.last_id === cursor) fail('has_more is true but the page has no new last_id')
      cursor = page.last_id
    }
  }

  function fail(what: string, body?: unknown): never {
    throw requestError('invalid_event', 'GET', path, what, { body })
  }

  return {
    pages,
    // The first of `pages()`: the generator is left waiting at its first page and fetches nothing more.
    firstPage: async () => (await pages().next()).value as Page<TItem>,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.data
    },
  }
}
