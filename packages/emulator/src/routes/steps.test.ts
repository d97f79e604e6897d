import { describe, expect, it } from 'vitest'
import type { ListPage } from '../pagination.ts'
import { harness } from '../testing/harness.ts'
import type { Run, RunStep } from '../wire.ts'

const INCLUDE = 'include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'
const STEP_KEYS = [
  'id',
  'object',
  'created_at',
  'run_id',
  'assistant_id',
  'thread_id',
  'type',
  'status',
  'cancelled_at',
  'completed_at',
  'expires_at',
  'failed_at',
  'last_error',
  'step_details',
  'usage',
]

describe('stepRoutes', () => {
  it('lists and retrieves steps with expires_at and no metadata; file_search content only with include[]', async () => {
    const h = harness()
    const threadId = await h.thread('search the files please')
    const { body: run } = await h.call<Run>('POST', `/v1/threads/${threadId}/runs`, {
      assistant_id: await h.assistant({ tools: [{ type: 'file_search' }] }),
    })
    await expect
      .poll(async () => (await h.call<Run>('GET', `/v1/threads/${threadId}/runs/${run.id}`)).body.status)
      .toBe('completed')
    const base = `/v1/threads/${threadId}/runs/${run.id}/steps`
    const list = (await h.call<ListPage<RunStep>>('GET', `${base}?order=asc`)).body
    expect(list.data.map((step) => step.type)).toEqual(['tool_calls', 'message_creation'])
    for (const step of list.data) expect(Object.keys(step)).toEqual(STEP_KEYS)
    const search = list.data[0]
    expect(search?.step_details).toMatchObject({
      type: 'tool_calls',
      tool_calls: [
        { type: 'file_search', file_search: { results: [{ file_name: 'emulator_notes.txt', attributes: {} }] } },
      ],
    })
    expect(JSON.stringify(search)).not.toContain('"content"')
    const withContent = (await h.call<RunStep>('GET', `${base}/${search?.id}?${INCLUDE}`)).body
    expect(JSON.stringify(withContent)).toContain('"content":[{"type":"text","text":"Skein emulator notes')
    const listWithContent = (await h.call<ListPage<RunStep>>('GET', `${base}?order=asc&${INCLUDE}`)).body
    expect(JSON.stringify(listWithContent.data[0])).toContain('"content"')
    expect((await h.call<ListPage<RunStep>>('GET', `${base}?limit=1`)).body).toMatchObject({ has_more: true })
  })
})
