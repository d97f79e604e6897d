import type { MessageCreateParams } from '../client/params.ts'
import type { Message } from '../schemas/index.ts'
import type { AuthoredMessageInput, DecodedMessage } from './author.ts'
import { createCodecCore } from './createCodecCore.ts'
import type { RolesCodec } from './createRolesCodec.ts'

/**
 * The codec used when none is given: default labels, `skein_` metadata keys, custom roles sent as `user`, no trusted
 * labels: what `createRolesCodec()` builds. Stores use it unless `createClient({ roles })` or the store's `roles` option
 * sets another. Built without `createRolesCodec`, so an app that never configures roles does not ship its option checks.
 */
export const defaultRolesCodec: RolesCodec = /* @__PURE__ */ createCodecCore()

/**
 * Encodes a message by any author into a `messages.create` body (see {@link RolesCodec.encode}).
 *
 * @param input - role, optional name, content, attachments and metadata
 * @param codec - the codec to use @defaultValue {@link defaultRolesCodec}
 * @returns the wire body
 * @throws AssistantsError `validation` naming the key when the metadata is over budget
 * @throws TypeError when the role, name or content is malformed
 * @example
 * ```ts
 * await client.messages.create(threadId, encodeMessage({ role: 'assistant', content: 'Welcome back!' }))
 * await client.messages.create(threadId, encodeMessage({ role: 'critic', name: 'Ada', content: 'Too long.' }))
 * ```
 */
export function encodeMessage(input: AuthoredMessageInput, codec: RolesCodec = defaultRolesCodec): MessageCreateParams {
  return codec.encode(input)
}

/**
 * Decodes a wire message: its `author`, and its content without the author label (see {@link RolesCodec.decode}).
 *
 * @param message - a message from the REST API or a stream snapshot
 * @param codec - the codec to use @defaultValue {@link defaultRolesCodec}
 * @returns the decoded message (memoized: the same input object gives the same output object)
 * @example
 * ```ts
 * const { author, content } = decodeMessage(message)
 * ```
 */
export function decodeMessage<TMessage extends Message>(
  message: TMessage,
  codec: RolesCodec = defaultRolesCodec,
): DecodedMessage<TMessage> {
  return codec.decode(message)
}
