import type { AuthoredMessage } from '../roles/author.ts'
import { type Deleted, DeletedSchema, type Message, MessageSchema } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import { createPageIterable, type Page, type PageIterable } from './pagination.ts'
import type { MessageCreateParams, MessageListQuery, MessageUpdateParams } from './params.ts'
import { pathId, requireBody } from './pathId.ts'
import type { Transport } from './request.ts'

/**
 * `client.messages`: the `/threads/{thread_id}/messages` routes. With a roles codec on the client, every message these
 * return is decoded (`author` set, author label removed from the content).
 */
export interface MessagesResource {
  /** `POST /threads/{thread_id}/messages`. Never retried: a retry could post the message twice. */
  create(threadId: string, body: MessageCreateParams, options?: RequestOptions): Promise<AuthoredMessage>
  /** `GET /threads/{thread_id}/messages/{message_id}`. */
  retrieve(threadId: string, messageId: string, options?: RequestOptions): Promise<AuthoredMessage>
  /** `POST /threads/{thread_id}/messages/{message_id}` (metadata only). */
  update(
    threadId: string,
    messageId: string,
    body: MessageUpdateParams,
    options?: RequestOptions,
  ): Promise<AuthoredMessage>
  /** `DELETE /threads/{thread_id}/messages/{message_id}` (not offered by Azure). */
  delete(threadId: string, messageId: string, options?: RequestOptions): Promise<Deleted>
  /** `GET /threads/{thread_id}/messages`: every message, page by page (`limit`, `order`, `after`, `before`, `run_id`). */
  list(threadId: string, query?: MessageListQuery, options?: RequestOptions): PageIterable<AuthoredMessage>
}

/**
 * Creates `client.messages`.
 *
 * @param transport - the client's transport
 * @param decode - applied to every returned message (the roles codec's `decode`); none leaves messages as they are
 * @returns the messages resource
 */
export function createMessagesResource(
  transport: Transport,
  decode?: (message: Message) => AuthoredMessage,
): MessagesResource {
  const out = decode ?? ((message: Message): AuthoredMessage => message)
  const listPath = (threadId: string): string => `/threads/${pathId('threadId', threadId)}/messages`
  const itemPath = (threadId: string, messageId: string): string =>
    `${listPath(threadId)}/${pathId('messageId', messageId)}`
  return {
    async create(threadId, body, options) {
      const path = listPath(threadId)
      requireBody('messages.create', body, "{ role: 'user', content: 'Hello' }")
      return out((await transport.request<Message>('POST', path, { body, schema: MessageSchema, options })).data)
    },
    async retrieve(threadId, messageId, options) {
      const path = itemPath(threadId, messageId)
      return out((await transport.request<Message>('GET', path, { schema: MessageSchema, options })).data)
    },
    async update(threadId, messageId, body, options) {
      const path = itemPath(threadId, messageId)
      requireBody('messages.update', body, "{ metadata: { pinned: 'yes' } }")
      return out((await transport.request<Message>('POST', path, { body, schema: MessageSchema, options })).data)
    },
    async delete(threadId, messageId, options) {
      const path = itemPath(threadId, messageId)
      return (await transport.request<Deleted>('DELETE', path, { schema: DeletedSchema, options })).data
    },
    list(threadId, query = {}, options) {
      const pages = createPageIterable<Message>(transport, listPath(threadId), query, MessageSchema, options)
      return decode === undefined ? pages : decodePages(pages, decode)
    },
  }
}

/** The same pages with every message decoded: the stores, hooks and cache all read history through here. */
function decodePages(
  source: PageIterable<Message>,
  decode: (message: Message) => AuthoredMessage,
): PageIterable<AuthoredMessage> {
  const decodePage = (page: Page<Message>): Page<AuthoredMessage> => ({ ...page, data: page.data.map(decode) })
  return {
    async *pages() {
      for await (const page of source.pages()) yield decodePage(page)
    },
    firstPage: async () => decodePage(await source.firstPage()),
    async *[Symbol.asyncIterator]() {
      for await (const message of source) yield decode(message)
    },
  }
}
