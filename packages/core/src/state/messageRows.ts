import type { MessageCreateParams } from '../client/params.ts'

/** What a send posts: the wire body of `messages.create`. */
export type PendingParams = MessageCreateParams
