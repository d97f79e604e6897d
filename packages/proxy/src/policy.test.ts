import { describe, expect, it } from 'vitest'
import type { JsonObject } from './body.ts'
import { isRefusal, type Refusal } from './errors.ts'
import { checkBody, OVERRIDE_FIELDS, OWNER_KEY, type PolicyContext } from './policy.ts'

const context: PolicyContext = {
  assistants: new Set(['asst_ok']),
  allowOverrides: new Set(),
  stamp: 'stamp_of_caller',
}

function refusal(result: JsonObject | Refusal): Refusal {
  if (!isRefusal(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`)
  return result
}

describe('checkBody', () => {
  describe('thread.create', () => {
    it('stamps the owner into a body-less create', () => {
      expect(checkBody('thread.create', null, context)).toEqual({ metadata: { [OWNER_KEY]: 'stamp_of_caller' } })
    })

    it('keeps the caller metadata and messages and adds the stamp', () => {
      const body = { metadata: { topic: 'x' }, messages: [{ role: 'user', content: 'hi', metadata: { a: 'b' } }] }
      expect(checkBody('thread.create', body, context)).toEqual({
        metadata: { topic: 'x', [OWNER_KEY]: 'stamp_of_caller' },
        messages: body.messages,
      })
    })

    it.each([['stamp_of_someone_else'], [''], [null], [42]])('refuses a client-set owner key (%j)', (value) => {
      const result = refusal(checkBody('thread.create', { metadata: { [OWNER_KEY]: value } }, context))
      expect([result.status, result.code, result.param]).toEqual([400, 'reserved_metadata_key', 'metadata.skein_owner'])
    })

    it('refuses metadata that is not an object', () => {
      expect(refusal(checkBody('thread.create', { metadata: ['x'] }, context)).status).toBe(400)
      expect(refusal(checkBody('thread.create', { metadata: 'x' }, context)).status).toBe(400)
    })

    it('refuses tool_resources and message attachments unless allowed', () => {
      const resources = { tool_resources: { file_search: { vector_store_ids: ['vs_other'] } } }
      expect(refusal(checkBody('thread.create', resources, context)).status).toBe(403)
      const attached = { messages: [{ role: 'user', content: 'x', attachments: [{ file_id: 'file_1', tools: [] }] }] }
      const result = refusal(checkBody('thread.create', attached, context))
      expect([result.status, result.param]).toEqual([403, 'messages[0].attachments'])
      const allowed = { ...context, allowOverrides: new Set(['tool_resources', 'attachments']) }
      expect(isRefusal(checkBody('thread.create', { ...resources, ...attached }, allowed))).toBe(false)
    })

    it('refuses unknown fields with 400', () => {
      const result = refusal(checkBody('thread.create', { owner: 'me' }, context))
      expect([result.status, result.code, result.param]).toEqual([400, 'unknown_parameter', 'owner'])
    })

    it('refuses a message that is not an object', () => {
      expect(refusal(checkBody('thread.create', { messages: ['hi'] }, context)).param).toBe('messages[0]')
      expect(refusal(checkBody('thread.create', { messages: 'hi' }, context)).param).toBe('messages')
    })

    it('keeps a __proto__ key as plain data and pollutes nothing', () => {
      const body = JSON.parse('{"metadata":{"__proto__":{"polluted":"yes"},"a":"b"}}') as JsonObject
      const result = checkBody('thread.create', body, context) as JsonObject
      expect(JSON.stringify(result)).toBe(
        `{"metadata":{"__proto__":{"polluted":"yes"},"a":"b","${OWNER_KEY}":"stamp_of_caller"}}`,
      )
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  })

  describe('thread.update', () => {
    it('re-stamps metadata the caller replaces, so the owner survives replace semantics', () => {
      expect(checkBody('thread.update', { metadata: { a: 'b' } }, context)).toEqual({
        metadata: { a: 'b', [OWNER_KEY]: 'stamp_of_caller' },
      })
      expect(checkBody('thread.update', { metadata: null }, context)).toEqual({
        metadata: { [OWNER_KEY]: 'stamp_of_caller' },
      })
    })

    it('leaves metadata alone when the update does not touch it', () => {
      expect(checkBody('thread.update', {}, context)).toEqual({})
    })

    it('refuses an update that writes or clears the owner key', () => {
      expect(refusal(checkBody('thread.update', { metadata: { [OWNER_KEY]: 'x' } }, context)).status).toBe(400)
      expect(refusal(checkBody('thread.update', { metadata: { [OWNER_KEY]: '' } }, context)).status).toBe(400)
    })

    it("accepts the caller's own stamp written back unchanged (a read-modify-write of the whole map)", () => {
      const body = { metadata: { skein_chain: 'msg_1:1:ab', [OWNER_KEY]: 'stamp_of_caller' } }
      expect(checkBody('thread.update', body, context)).toEqual(body)
      expect(refusal(checkBody('thread.create', body, context)).status).toBe(400)
    })
  })

  describe('thread.createAndRun', () => {
    it('stamps the new thread, also when the body has no thread', () => {
      expect(checkBody('thread.createAndRun', { assistant_id: 'asst_ok', stream: true }, context)).toEqual({
        assistant_id: 'asst_ok',
        stream: true,
        thread: { metadata: { [OWNER_KEY]: 'stamp_of_caller' } },
      })
      const body = { assistant_id: 'asst_ok', thread: { messages: [{ role: 'user', content: 'x' }] } }
      expect(checkBody('thread.createAndRun', body, context)).toEqual({
        assistant_id: 'asst_ok',
        thread: { messages: body.thread.messages, metadata: { [OWNER_KEY]: 'stamp_of_caller' } },
      })
    })

    it('refuses an owner key in thread.metadata but not in the run metadata', () => {
      const forged = { assistant_id: 'asst_ok', thread: { metadata: { [OWNER_KEY]: 'x' } } }
      expect(refusal(checkBody('thread.createAndRun', forged, context)).param).toBe('thread.metadata.skein_owner')
      const runMetadata = { assistant_id: 'asst_ok', metadata: { [OWNER_KEY]: 'x' } }
      expect(isRefusal(checkBody('thread.createAndRun', runMetadata, context))).toBe(false)
    })

    it('refuses a disallowed or missing assistant', () => {
      expect(refusal(checkBody('thread.createAndRun', { assistant_id: 'asst_other' }, context)).status).toBe(403)
      expect(refusal(checkBody('thread.createAndRun', {}, context)).status).toBe(400)
      expect(refusal(checkBody('thread.createAndRun', { assistant_id: ['asst_ok'] }, context)).status).toBe(400)
    })

    it('refuses thread.tool_resources and a non-object thread', () => {
      const body = { assistant_id: 'asst_ok', thread: { tool_resources: {} } }
      expect(refusal(checkBody('thread.createAndRun', body, context)).param).toBe('thread.tool_resources')
      expect(refusal(checkBody('thread.createAndRun', { assistant_id: 'asst_ok', thread: 'x' }, context)).status).toBe(
        400,
      )
    })
  })

  describe('run.create', () => {
    it('passes the fields the client always sends', () => {
      const body = {
        assistant_id: 'asst_ok',
        stream: true,
        metadata: { k: 'v' },
        additional_messages: [{ role: 'user', content: 'hi' }],
      }
      expect(checkBody('run.create', body, context)).toEqual(body)
    })

    it.each(OVERRIDE_FIELDS.filter((field) => field !== 'attachments'))('refuses the override %s with 403', (field) => {
      const result = refusal(checkBody('run.create', { assistant_id: 'asst_ok', [field]: 'x' }, context))
      expect([result.status, result.code, result.param]).toEqual([403, 'override_not_allowed', field])
    })

    it('forwards an override the operator allowed', () => {
      const allowed = { ...context, allowOverrides: new Set(['model', 'temperature']) }
      const body = { assistant_id: 'asst_ok', model: 'gpt-x', temperature: 0.2 }
      expect(checkBody('run.create', body, allowed)).toEqual(body)
    })

    it('drops a null override instead of forwarding it', () => {
      expect(checkBody('run.create', { assistant_id: 'asst_ok', instructions: null, tools: null }, context)).toEqual({
        assistant_id: 'asst_ok',
      })
    })

    it('refuses a non-boolean stream and unknown fields', () => {
      expect(refusal(checkBody('run.create', { assistant_id: 'asst_ok', stream: 'yes' }, context)).status).toBe(400)
      expect(refusal(checkBody('run.create', { assistant_id: 'asst_ok', thread_id: 'thread_x' }, context)).code).toBe(
        'unknown_parameter',
      )
    })

    it('refuses attachments inside additional_messages', () => {
      const body = { assistant_id: 'asst_ok', additional_messages: [{ role: 'user', content: 'x', attachments: [] }] }
      expect(refusal(checkBody('run.create', body, context)).param).toBe('additional_messages[0].attachments')
    })

    it('refuses a disallowed assistant with 403', () => {
      const result = refusal(checkBody('run.create', { assistant_id: 'asst_other' }, context))
      expect([result.status, result.code]).toEqual([403, 'assistant_not_allowed'])
    })
  })

  describe('message bodies', () => {
    it('passes role, content and metadata (message metadata is not reserved)', () => {
      const body = { role: 'assistant', content: [{ type: 'text', text: 'x' }], metadata: { [OWNER_KEY]: 'free' } }
      expect(checkBody('message.create', body, context)).toEqual(body)
      expect(checkBody('metadata.update', { metadata: { a: 'b' } }, context)).toEqual({ metadata: { a: 'b' } })
    })

    it('refuses attachments and unknown fields', () => {
      expect(
        refusal(checkBody('message.create', { role: 'user', content: 'x', attachments: [] }, context)).status,
      ).toBe(403)
      expect(refusal(checkBody('metadata.update', { content: 'changed' }, context)).status).toBe(400)
    })
  })

  describe('run.submitToolOutputs', () => {
    it('passes tool outputs and stream, refuses anything else', () => {
      const body = { tool_outputs: [{ tool_call_id: 'call_1', output: 'ok' }], stream: true }
      expect(checkBody('run.submitToolOutputs', body, context)).toEqual(body)
      expect(refusal(checkBody('run.submitToolOutputs', { ...body, model: 'x' }, context)).status).toBe(403)
      expect(refusal(checkBody('run.submitToolOutputs', { ...body, stream: 1 }, context)).status).toBe(400)
    })
  })
})
