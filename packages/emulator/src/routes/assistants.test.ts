import { describe, expect, it } from 'vitest'
import type { ListPage } from '../pagination.ts'
import { harness } from '../testing/harness.ts'
import type { Assistant } from '../wire.ts'

const KEYS = [
  'id',
  'object',
  'created_at',
  'name',
  'description',
  'model',
  'instructions',
  'tools',
  'top_p',
  'temperature',
  'reasoning_effort',
  'tool_resources',
  'metadata',
  'response_format',
]

describe('assistantRoutes', () => {
  it('creates an assistant with the real keys, normalizing tools as the API echoes them', async () => {
    const { call } = harness()
    const { body } = await call<Assistant>('POST', '/v1/assistants', {
      model: 'gpt-4o',
      name: 'Helper',
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
        { type: 'file_search' },
      ],
    })
    expect(Object.keys(body)).toEqual(KEYS)
    expect(body.id).toMatch(/^asst_[A-Za-z0-9]{24}$/)
    expect(body).toMatchObject({ object: 'assistant', name: 'Helper', tool_resources: {}, response_format: 'auto' })
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' }, strict: false } },
      {
        type: 'file_search',
        file_search: { ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0, hybrid_search: null } },
      },
    ])
  })

  it('retrieves, updates, lists and deletes', async () => {
    const { call, assistant } = harness()
    const first = await assistant({ name: 'one' })
    const second = await assistant({ name: 'two' })
    expect((await call<Assistant>('GET', `/v1/assistants/${first}`)).body.name).toBe('one')
    const updated = await call<Assistant>('POST', `/v1/assistants/${first}`, {
      instructions: 'Be brief.',
      metadata: { a: '1' },
    })
    expect(updated.body).toMatchObject({ id: first, name: 'one', instructions: 'Be brief.', metadata: { a: '1' } })
    const list = await call<ListPage<Assistant>>('GET', '/v1/assistants?limit=1')
    expect(list.body).toMatchObject({ object: 'list', first_id: second, last_id: second, has_more: true })
    expect((await call('DELETE', `/v1/assistants/${first}`)).body).toEqual({
      id: first,
      object: 'assistant.deleted',
      deleted: true,
    })
    expect((await call('GET', `/v1/assistants/${first}`)).status).toBe(404)
  })

  it('answers 404 with the API text for an unknown assistant', async () => {
    const { call } = harness()
    for (const method of ['GET', 'POST', 'DELETE']) {
      const { status, body } = await call(method, '/v1/assistants/asst_XXXX', method === 'POST' ? {} : undefined)
      expect(status).toBe(404)
      expect(body).toEqual({
        error: {
          message: "No assistant found with id 'asst_XXXX'.",
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      })
    }
  })

  it.each([
    [{}, "Missing required parameter: 'model'.", 'model'],
    [{ model: 'gpt-4o', colour: 'red' }, "Unknown parameter: 'colour'.", 'colour'],
    [
      { model: 'gpt-4o', tools: [{ type: 'browser' }] },
      "Invalid value: 'browser'. Supported values are: 'code_interpreter', 'function', and 'file_search'.",
      'tools[0].type',
    ],
    [
      { model: 'gpt-4o', tools: [{ type: 'function', function: {} }] },
      "Missing required parameter: 'tools[0].function.name'.",
      'tools[0].function.name',
    ],
    [
      { model: 'gpt-4o', temperature: 3 },
      "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
      'temperature',
    ],
    [{ model: 7 }, "Invalid type for 'model': expected a string, but got an integer instead.", 'model'],
  ])('rejects %j with a 400', async (body, message, param) => {
    const { call } = harness()
    const result = await call('POST', '/v1/assistants', body)
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { message, param, type: 'invalid_request_error' } })
  })

  it('leaves the assistant untouched when an update is invalid', async () => {
    const { call, assistant } = harness()
    const id = await assistant({ name: 'kept' })
    expect((await call('POST', `/v1/assistants/${id}`, { name: 'changed', top_p: 5 })).status).toBe(400)
    expect((await call<Assistant>('GET', `/v1/assistants/${id}`)).body.name).toBe('kept')
  })
})
