import { type Deleted, DeletedSchema, type Message, MessageSchema } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import { createPageIterable, type PageIterable } from './pagination.ts'
import type { MessageCreateParams, MessageListQuery, MessageUpdateParams } from './params.ts'
import { pathId, requireBody } from './pathId.ts'
import type { Transport } from './request.ts'

/** `client.messages`: the `/threads/{thread_id}/messages` routes. */
export interface MessagesResource {
  /** `POST /threads/{thread_id}/messages`. Never retried: a retry could post the message twice. */
  create(threadId: string, body: MessageCreateParams, options?: RequestOptions): Promise<Message>
  /** `GET /threads/{thread_id}/messages/{message_id}`. */
  retrieve(threadId: string, messageId: string, options?: RequestOptions): Promise<Message>
  /** `POST /threads/{thread_id}/messages/{message_id}` (metadata only). */
  update(threadId: string, messageId: string, body: MessageUpdateParams, options?: RequestOptions): Promise<Message>
  /** `DELETE /threads/{thread_id}/messages/{message_id}` (not offered by Azure). */
  delete(threadId: string, messageId: string, options?: RequestOptions): Promise<Deleted>
  /** `GET /threads/{thread_id}/messages`: every message, page by page (`limit`, `order`, `after`, `before`, `run_id`). */
  list(threadId: string, query?: MessageListQuery, options?: RequestOptions): PageIterable<Message>
}

/**
 * Creates `client.messages`.
 *
 * @param transport - the client's transport
 * @returns the messages resource
 */
export function createMessagesResource(transport: Transport): MessagesResource {
  const listPath = (threadId: string): string => `/threads/${pathId('threadId', threadId)}/messages`
  const itemPath = (threadId: string, messageId: string): string =>
    `${listPath(threadId)}/${pathId('messageId', messageId)}`
  return {
    async create(threadId, body, options) {
      const path = listPath(threadId)
      requireBody('messages.create', body, "{ role: 'user', content: 'Hello' }")
      return (await transport.request<Message>('POST', path, { body, schema: MessageSchema, options })).data
    },
    async retrieve(threadId, messageId, options) {
      const path = itemPath(threadId, messageId)
      return (await transport.request<Message>('GET', path, { schema: MessageSchema, options })).data
    },
    async update(threadId, messageId, body, options) {
      const path = itemPath(threadId, messageId)
      requireBody('messages.update', body, "{ metadata: { pinned: 'yes' } }")
      return (await transport.request<Message>('POST', path, { body, schema: MessageSchema, options })).data
    },
    async delete(threadId, messageId, options) {
      const path = itemPath(threadId, messageId)
      return (await transport.request<Deleted>('DELETE', path, { schema: DeletedSchema, options })).data
    },
    list(threadId, query = {}, options) {
      return createPageIterable<Message>(transport, listPath(threadId), query, MessageSchema, options)
    },
  }
}
