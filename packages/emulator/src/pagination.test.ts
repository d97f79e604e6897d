import { describe, expect, it } from 'vitest'
import { ApiError } from './apiError.ts'
import { paginate } from './pagination.ts'

const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }))
const page = (query: string) => paginate(items, new URLSearchParams(query))
const ids = (query: string) => page(query).data.map((item) => item.id)

describe('paginate', () => {
  it('defaults to 20 items, newest first', () => {
    expect(ids('')).toEqual(['e', 'd', 'c', 'b', 'a'])
    expect(page('')).toMatchObject({ object: 'list', first_id: 'e', last_id: 'a', has_more: false })
  })

  it('orders ascending on request', () => {
    expect(ids('order=asc')).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('limits and reports has_more', () => {
    expect(page('limit=2')).toMatchObject({
      data: [{ id: 'e' }, { id: 'd' }],
      has_more: true,
      first_id: 'e',
      last_id: 'd',
    })
    expect(page('limit=5').has_more).toBe(false)
  })

  it('pages forward with after, in either order', () => {
    expect(ids('limit=2&after=d')).toEqual(['c', 'b'])
    expect(page('limit=2&after=b').has_more).toBe(false)
    expect(ids('order=asc&after=c')).toEqual(['d', 'e'])
  })

  it('pages backward with before: the items closest to the cursor, still in the requested order', () => {
    expect(ids('before=b')).toEqual(['e', 'd', 'c'])
    expect(page('limit=1&before=b')).toMatchObject({ data: [{ id: 'c' }], has_more: true })
    expect(ids('order=asc&limit=2&before=d')).toEqual(['b', 'c'])
    expect(page('order=asc&limit=2&before=d').has_more).toBe(true)
    expect(page('order=asc&limit=3&before=d').has_more).toBe(false)
  })

  it('combines after and before into a window', () => {
    expect(ids('order=asc&after=a&before=e')).toEqual(['b', 'c', 'd'])
  })

  it('returns the empty envelope with null ids for an empty list or an unknown cursor', () => {
    expect(paginate([], new URLSearchParams())).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    })
    expect(page('after=zzz')).toMatchObject({ data: [], first_id: null, last_id: null, has_more: false })
  })

  it('accepts the limit bounds 1 and 100', () => {
    expect(ids('limit=1')).toEqual(['e'])
    expect(ids('limit=100')).toHaveLength(5)
  })

  it.each([
    [
      'limit=0',
      "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      'integer_below_min_value',
    ],
    [
      'limit=101',
      "Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead.",
      'integer_above_max_value',
    ],
    [
      'limit=-3',
      "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got -3 instead.",
      'integer_below_min_value',
    ],
    ['limit=abc', "Invalid 'limit': expected an integer, but got 'abc' instead.", 'invalid_type'],
    ['limit=2.5', "Invalid 'limit': expected an integer, but got '2.5' instead.", 'invalid_type'],
    ['order=up', "Invalid value: 'up'. Supported values are: 'asc' and 'desc'.", 'invalid_value'],
  ])('rejects %s with the API error', (query, message, code) => {
    let caught: unknown
    try {
      page(query)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ApiError)
    expect((caught as ApiError).status).toBe(400)
    expect((caught as ApiError).body).toMatchObject({ message, code, type: 'invalid_request_error' })
  })
})
