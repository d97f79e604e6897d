import type { AuthoredMessage } from '../roles/author.ts'
import type { Deleted } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import type { PageIterable } from './pagination.ts'
import type { MessageCreateParams, MessageListQuery, MessageUpdateParams } from './params.ts'

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
