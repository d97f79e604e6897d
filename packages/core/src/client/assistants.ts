import { type Assistant, AssistantSchema, type Deleted, DeletedSchema } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import { createPageIterable, type PageIterable } from './pagination.ts'
import type { AssistantCreateParams, AssistantUpdateParams, ListQuery } from './params.ts'
import { pathId, requireBody } from './pathId.ts'
import type { Transport } from './request.ts'

/** `client.assistants`: the `/assistants` routes (server side; the proxy does not expose them to browsers). */
export interface AssistantsResource {
  /** `POST /assistants`. */
  create(body: AssistantCreateParams, options?: RequestOptions): Promise<Assistant>
  /** `GET /assistants/{assistant_id}`. */
  retrieve(assistantId: string, options?: RequestOptions): Promise<Assistant>
  /** `GET /assistants`: every assistant, page by page. */
  list(query?: ListQuery, options?: RequestOptions): PageIterable<Assistant>
  /** `POST /assistants/{assistant_id}`. */
  update(assistantId: string, body: AssistantUpdateParams, options?: RequestOptions): Promise<Assistant>
  /** `DELETE /assistants/{assistant_id}`. */
  delete(assistantId: string, options?: RequestOptions): Promise<Deleted>
}

/**
 * Creates `client.assistants`.
 *
 * @param transport - the client's transport
 * @returns the assistants resource
 */
export function createAssistantsResource(transport: Transport): AssistantsResource {
  const itemPath = (assistantId: string): string => `/assistants/${pathId('assistantId', assistantId)}`
  return {
    async create(body, options) {
      requireBody('assistants.create', body, "{ model: 'gpt-4o' }")
      return (await transport.request<Assistant>('POST', '/assistants', { body, schema: AssistantSchema, options }))
        .data
    },
    async retrieve(assistantId, options) {
      const path = itemPath(assistantId)
      return (await transport.request<Assistant>('GET', path, { schema: AssistantSchema, options })).data
    },
    list(query = {}, options) {
      return createPageIterable<Assistant>(transport, '/assistants', query, AssistantSchema, options)
    },
    async update(assistantId, body, options) {
      const path = itemPath(assistantId)
      requireBody('assistants.update', body, "{ name: 'Helper' }")
      return (await transport.request<Assistant>('POST', path, { body, schema: AssistantSchema, options })).data
    },
    async delete(assistantId, options) {
      const path = itemPath(assistantId)
      return (await transport.request<Deleted>('DELETE', path, { schema: DeletedSchema, options })).data
    },
  }
}
