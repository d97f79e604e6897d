import type { Assistant, Deleted } from '../schemas/index.ts'
import type { RequestOptions } from './options.ts'
import type { PageIterable } from './pagination.ts'
import type { AssistantCreateParams, AssistantUpdateParams, ListQuery } from './params.ts'

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
