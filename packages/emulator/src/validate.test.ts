import { describe, expect, it } from 'vitest'
import { ApiError } from './apiError.ts'
import { checkMetadata, readJsonBody, typeName } from './validate.ts'

function error(run: () => unknown): ApiError {
  try {
    run()
  } catch (caught) {
    if (caught instanceof ApiError) return caught
    throw caught
  }
  throw new Error('expected an ApiError')
}

const many = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']))

describe('checkMetadata', () => {
  it('accepts 16 pairs, 64-character keys and 512-character values (counted in code points)', () => {
    expect(Object.keys(checkMetadata(many(16)) ?? {})).toHaveLength(16)
    expect(checkMetadata({ ['k'.repeat(64)]: 'v'.repeat(512) })).toEqual({ ['k'.repeat(64)]: 'v'.repeat(512) })
    expect(checkMetadata({ ['界'.repeat(64)]: '🧵'.repeat(512) })).toBeDefined()
  })

  it('rejects a 17th pair', () => {
    expect(error(() => checkMetadata(many(17))).body).toEqual({
      message:
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with 17 properties instead.",
      type: 'invalid_request_error',
      param: 'metadata',
      code: 'object_above_max_properties',
    })
  })

  it('rejects a 65-character key', () => {
    const key = 'k'.repeat(65)
    expect(error(() => checkMetadata({ [key]: 'v' })).body).toMatchObject({
      message: `Invalid property name in 'metadata': '${key}' is too long. Expected a string with maximum length 64, but got a string with length 65 instead.`,
      param: `metadata.${key}`,
      code: 'property_name_above_max_length',
    })
  })

  it('rejects a 513-character value', () => {
    expect(error(() => checkMetadata({ note: 'x'.repeat(513) })).body).toMatchObject({
      message:
        "Invalid 'metadata.note': string too long. Expected a string with maximum length 512, but got a string with length 513 instead.",
      param: 'metadata.note',
      code: 'string_above_max_length',
    })
  })

  it('rejects non-string values and non-object metadata', () => {
    expect(error(() => checkMetadata({ n: 7 })).body.message).toBe(
      "Invalid type for 'metadata.n': expected a string, but got an integer instead.",
    )
    expect(error(() => checkMetadata(['a'])).body.message).toBe(
      "Invalid type for 'metadata': expected an object, but got an array instead.",
    )
  })

  it('keeps a __proto__ key as a plain key', () => {
    const metadata = checkMetadata(JSON.parse('{"__proto__":"x"}'))
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype)
    expect(Object.keys(metadata ?? {})).toEqual(['__proto__'])
  })

  it('treats null as empty and absent as undefined', () => {
    expect(checkMetadata(null)).toEqual({})
    expect(checkMetadata(undefined)).toBeUndefined()
  })
})

describe('readJsonBody', () => {
  const request = (body: string) => new Request('http://x.test/', { method: 'POST', body })

  it('reads an object and treats an empty body as {}', async () => {
    await expect(readJsonBody(request('{"a":1}'))).resolves.toEqual({ a: 1 })
    await expect(readJsonBody(request(''))).resolves.toEqual({})
  })

  it('rejects invalid JSON with the API text', async () => {
    const caught = await readJsonBody(request('{"a":')).catch((e: unknown) => e)
    expect(caught).toBeInstanceOf(ApiError)
    expect((caught as ApiError).body.message).toMatch(/^We could not parse the JSON body of your request\./)
  })

  it('rejects a JSON value that is not an object', async () => {
    const caught = await readJsonBody(request('[1]')).catch((e: unknown) => e)
    expect((caught as ApiError).body.message).toBe(
      "Invalid type for 'body': expected an object, but got an array instead.",
    )
  })
})

describe('typeName', () => {
  it('names JSON types as the API does', () => {
    expect([null, [], 1, 1.5, 's', true, {}].map(typeName)).toEqual([
      'null',
      'an array',
      'an integer',
      'a decimal',
      'a string',
      'a boolean',
      'an object',
    ])
  })
})
