import { describe, expect, it } from 'vitest'
import { AssistantsError } from '../errors.ts'
import { strict } from '../strict.ts'
import { createTransport } from './createTransport.ts'
import type { ClientOptions } from './options.ts'
import { createPageIterable } from './pagination.ts'
import type { ListQuery } from './params.ts'

interface Item {
  id: string
}

/** An injected fetch that answers list pages by their `after` cursor and records the URLs asked for. */
function pagesByCursor(pages: Record<string, unknown>) {
  const urls: URL[] = []
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input))
    urls.push(url)
    const body = pages[url.searchParams.get('after') ?? '']
    if (body === undefined) return new Response(JSON.stringify({ error: { message: 'no such page' } }), { status: 404 })
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
  }
  return { fetch, urls }
}

const page = (ids: string[], has_more: boolean) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'thread.message' })),
  first_id: ids[0] ?? null,
  last_id: ids.at(-1) ?? null,
  has_more,
})

function list(fetch: ClientOptions['fetch'], query: ListQuery = {}, options: Partial<ClientOptions> = {}) {
  const transport = createTransport({ baseURL: 'https://api.test/v1', fetch, ...options })
  return createPageIterable<Item>(transport, '/threads/t/messages', query, 'thread', undefined)
}

const threePages = {
  '': page(['m1', 'm2'], true),
  m2: page(['m3', 'm4'], true),
  m4: page(['m5'], false),
}

describe('createPageIterable', () => {
  it('fetches nothing until iterated', () => {
    const { fetch, urls } = pagesByCursor(threePages)
    list(fetch)
    expect(urls).toHaveLength(0)
  })

  it('yields the items of every page in order, following after = last_id', async () => {
    const { fetch, urls } = pagesByCursor(threePages)
    const ids: string[] = []
    for await (const item of list(fetch, { limit: 2, order: 'asc' })) ids.push(item.id)
    expect(ids).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
    expect(urls.map((url) => url.search)).toEqual([
      '?limit=2&order=asc',
      '?limit=2&order=asc&after=m2',
      '?limit=2&order=asc&after=m4',
    ])
  })

  it('stops fetching when the loop breaks', async () => {
    const { fetch, urls } = pagesByCursor(threePages)
    const ids: string[] = []
    for await (const item of list(fetch)) {
      ids.push(item.id)
      if (item.id === 'm3') break
    }
    expect(ids).toEqual(['m1', 'm2', 'm3'])
    expect(urls).toHaveLength(2)
  })

  it('exposes the pages and the first page alone', async () => {
    const { fetch, urls } = pagesByCursor(threePages)
    const pages = []
    for await (const each of list(fetch).pages()) pages.push(each)
    expect(pages.map((each) => [each.first_id, each.last_id, each.has_more, each.data.length])).toEqual([
      ['m1', 'm2', true, 2],
      ['m3', 'm4', true, 2],
      ['m5', 'm5', false, 1],
    ])
    const first = await list(fetch).firstPage()
    expect(first.data.map((item) => item.id)).toEqual(['m1', 'm2'])
    expect(urls).toHaveLength(4)
  })

  it('starts at the caller’s own after cursor', async () => {
    const { fetch, urls } = pagesByCursor(threePages)
    const ids: string[] = []
    for await (const item of list(fetch, { after: 'm2' })) ids.push(item.id)
    expect(ids).toEqual(['m3', 'm4', 'm5'])
    expect(urls[0]!.searchParams.get('after')).toBe('m2')
  })

  it('reads an empty list with null ids', async () => {
    const { fetch } = pagesByCursor({
      '': { object: 'list', data: [], first_id: null, last_id: null, has_more: false },
    })
    expect(await list(fetch).firstPage()).toEqual({ data: [], first_id: null, last_id: null, has_more: false })
    const items: Item[] = []
    for await (const item of list(fetch)) items.push(item)
    expect(items).toEqual([])
  })

  it('reads the Azure envelope (no object, no first_id; cursors from the items when missing)', async () => {
    const { fetch, urls } = pagesByCursor({
      '': { data: [{ id: 'a1' }, { id: 'a2' }], last_id: 'a2', has_more: true },
      a2: { data: [{ id: 'a3' }], has_more: false },
    })
    const pages = []
    for await (const each of list(fetch, {}, { flavor: 'azure' }).pages()) pages.push(each)
    expect(pages).toEqual([
      { data: [{ id: 'a1' }, { id: 'a2' }], first_id: 'a1', last_id: 'a2', has_more: true },
      { data: [{ id: 'a3' }], first_id: 'a3', last_id: 'a3', has_more: false },
    ])
    expect(urls.map((url) => url.search)).toEqual(['?api-version=v1', '?api-version=v1&after=a2'])
  })

  it('refuses has_more without a new cursor instead of fetching the same page forever', async () => {
    const { fetch, urls } = pagesByCursor({ '': page([], true) })
    const pending = (async () => {
      for await (const _ of list(fetch)) {
        // drain
      }
    })()
    await expect(pending).rejects.toThrow('[GET] /threads/t/messages: has_more is true but the page has no new last_id')
    const repeating = pagesByCursor({ '': page(['x'], true), x: page(['x'], true) })
    await expect(
      (async () => {
        for await (const _ of list(repeating.fetch)) {
          // drain
        }
      })(),
    ).rejects.toThrow(AssistantsError)
    expect(urls).toHaveLength(1)
    expect(repeating.urls).toHaveLength(2)
  })

  it.each([
    ['no data array', { object: 'list', has_more: false }],
    ['data that is an object', { data: { id: 'x' }, has_more: false }],
  ])('refuses a list response with %s', async (_, body) => {
    const { fetch } = pagesByCursor({ '': body })
    const error = await list(fetch)
      .firstPage()
      .catch((e: unknown) => e)
    expect(AssistantsError.is(error) && error.code).toBe('invalid_event')
    expect(String(error)).toContain('a list response needs a "data" array')
  })

  it('checks each item with strict validation only, against the named schema', async () => {
    const thread = (id: unknown) => ({ id, object: 'thread', created_at: 1, metadata: null })
    const body = { data: [thread('ok'), thread(42)], has_more: false }
    const lenient = await list(pagesByCursor({ '': body }).fetch).firstPage()
    expect(lenient.data).toHaveLength(2)
    const error = await list(pagesByCursor({ '': body }).fetch, {}, { validation: strict })
      .firstPage()
      .catch((e: unknown) => e)
    expect(AssistantsError.is(error) && error.code).toBe('invalid_event')
    expect(String(error)).toContain('[GET] /threads/t/messages: the response does not match its schema at id')
    const good = await list(
      pagesByCursor({ '': { data: [thread('a')], has_more: false } }).fetch,
      {},
      {
        validation: strict,
      },
    ).firstPage()
    expect(good.data).toEqual([thread('a')])
  })

  it('applies map to every checked item', async () => {
    const { fetch } = pagesByCursor(threePages)
    const transport = createTransport({ baseURL: 'https://api.test/v1', fetch })
    const upper = (item: Item) => item.id.toUpperCase()
    const ids: string[] = []
    for await (const id of createPageIterable(transport, '/m', {}, 'message', undefined, upper)) ids.push(id)
    expect(ids).toEqual(['M1', 'M2', 'M3', 'M4', 'M5'])
  })

  it('passes http errors of a later page to the loop', async () => {
    const { fetch } = pagesByCursor({ '': page(['m1'], true) })
    const ids: string[] = []
    const failure = await (async () => {
      for await (const item of list(fetch)) ids.push(item.id)
    })().catch((e: unknown) => e)
    expect(ids).toEqual(['m1'])
    expect(AssistantsError.is(failure) && failure.status).toBe(404)
  })
})
