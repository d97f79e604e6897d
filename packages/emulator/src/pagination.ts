import { badRequest } from './apiError.ts'
import { invalidValue } from './validate.ts'

/** The list envelope of every list endpoint; `first_id`/`last_id` are `null` when `data` is empty (as on the wire). */
export interface ListPage<TItem> {
  object: 'list'
  data: TItem[]
  first_id: string | null
  last_id: string | null
  has_more: boolean
}

function parseLimit(raw: string | null): number {
  if (raw === null) return 20
  if (!/^-?\d+$/.test(raw.trim())) {
    throw badRequest(`Invalid 'limit': expected an integer, but got '${raw}' instead.`, 'limit', 'invalid_type')
  }
  const limit = Number(raw)
  if (limit < 1) {
    throw badRequest(
      `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
      'limit',
      'integer_below_min_value',
    )
  }
  if (limit > 100) {
    throw badRequest(
      `Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${limit} instead.`,
      'limit',
      'integer_above_max_value',
    )
  }
  return limit
}

/**
 * Pages `items` (oldest first) with the API's query parameters: `limit` (1..100, default 20), `order` (`asc` |
 * `desc`, default `desc`), and the `after` / `before` id cursors.
 *
 * `after=x` returns the items that follow `x` in the requested order; `before=x` returns the `limit` items that
 * immediately precede `x`, still in the requested order. `has_more` says whether more items lie beyond the page in
 * the direction of travel. An unknown cursor id yields an empty page.
 *
 * @param items - all items, oldest first (insertion order breaks `created_at` ties)
 * @param query - the request's search params
 * @param view - turns a stored item into its wire form
 * @returns the list envelope
 */
export function paginate<TItem extends { id: string }, TView = TItem>(
  items: readonly TItem[],
  query: URLSearchParams,
  view: (item: TItem) => TView = (item) => item as unknown as TView,
): ListPage<TView> {
  const limit = parseLimit(query.get('limit'))
  const order = query.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc') throw invalidValue('order', order, ['asc', 'desc'])
  let ordered = order === 'asc' ? [...items] : [...items].reverse()
  const after = query.get('after')
  const before = query.get('before')
  let fromEnd = false
  if (after) {
    const index = ordered.findIndex((item) => item.id === after)
    ordered = index === -1 ? [] : ordered.slice(index + 1)
  }
  if (before) {
    const index = ordered.findIndex((item) => item.id === before)
    ordered = index === -1 ? [] : ordered.slice(0, index)
    // Walking backwards from the cursor: the page is the `limit` items closest to it.
    fromEnd = !after
  }
  const page = fromEnd ? ordered.slice(Math.max(0, ordered.length - limit)) : ordered.slice(0, limit)
  const data = page.map(view)
  return {
    object: 'list',
    data,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: ordered.length > page.length,
  }
}
