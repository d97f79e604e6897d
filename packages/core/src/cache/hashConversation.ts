import type { RolesCodec } from '../roles/createRolesCodec.ts'
import { defaultRolesCodec } from '../roles/defaultRolesCodec.ts'
import type { Message, MessageContent } from '../schemas/index.ts'
import { canonicalJson } from './canonicalJson.ts'
import { sha256Hex } from './sha256Hex.ts'

/** The hash of a conversation with no messages: where every chain starts. */
export const EMPTY_CONVERSATION_HASH: string = '0'.repeat(64)

const HEX64 = /^[0-9a-f]{64}$/

/**
 * Extends a conversation hash by more messages: `h' = SHA-256("skein-chain/1\n" + h + "\n" + entry)` for each message
 * in order, where the entry is the canonical JSON of its wire role, decoded author, decoded content and attachments.
 * So `chainHash(hashConversation(a), b)` equals `hashConversation([...a, ...b])`, and a long thread is extended by its
 * new messages instead of being hashed again from the start.
 *
 * Content is read decoded (author label removed, author from metadata): the label is a function of the author, which is
 * hashed. Annotations and metadata other than the author are not hashed, so a cached reply posted back (`skein_cached`,
 * no annotations) hashes exactly like the live reply it replays.
 *
 * @param previous - the hash so far ({@link EMPTY_CONVERSATION_HASH} for none)
 * @param messages - the messages after it, oldest first
 * @param codec - decodes authors @defaultValue the default roles codec
 * @returns the new hash, 64 hex characters
 * @throws TypeError when `previous` is not a 64-character lower-case hex hash
 * @example
 * ```ts
 * const upToNow = await hashConversation(history)
 * const next = await chainHash(upToNow, [reply, question])
 * ```
 */
export async function chainHash(
  previous: string,
  messages: readonly Message[],
  codec: RolesCodec = defaultRolesCodec,
): Promise<string> {
  if (typeof previous !== 'string' || !HEX64.test(previous)) {
    throw new TypeError(`chainHash: previous must be 64 lower-case hex characters, got ${JSON.stringify(previous)}.`)
  }
  if (!Array.isArray(messages)) throw new TypeError('chainHash: messages must be an array of wire messages.')
  let hash = previous
  for (const message of messages) hash = await sha256Hex(`skein-chain/1\n${hash}\n${conversationEntry(message, codec)}`)
  return hash
}

/**
 * Hashes a whole conversation from the start (see {@link chainHash} for what is hashed).
 *
 * @param messages - the thread's messages, oldest first
 * @param codec - decodes authors @defaultValue the default roles codec
 * @returns the hash, 64 hex characters
 */
export function hashConversation(messages: readonly Message[], codec: RolesCodec = defaultRolesCodec): Promise<string> {
  return chainHash(EMPTY_CONVERSATION_HASH, messages, codec)
}

/**
 * What of one message determines the model's reply, as canonical JSON.
 *
 * @param message - a wire (or already decoded) message
 * @param codec - decodes its author
 * @returns the entry text
 */
export function conversationEntry(message: Message, codec: RolesCodec): string {
  const decoded = codec.decode(message)
  const attachments = (Array.isArray(message.attachments) ? message.attachments : []).map((attachment) => [
    attachment.file_id ?? null,
    (attachment.tools ?? []).map((tool) => tool.type).sort(),
  ])
  return canonicalJson([
    message.role,
    decoded.author.role,
    decoded.author.name ?? null,
    decoded.content.map(partEntry),
    attachments,
  ])
}

function partEntry(part: MessageContent): unknown {
  switch (part.type) {
    case 'text':
      return ['text', part.text.value]
    case 'image_file':
      return ['image_file', part.image_file.file_id, part.image_file.detail ?? null]
    case 'image_url':
      return ['image_url', part.image_url.url, part.image_url.detail ?? null]
    case 'refusal':
      return ['refusal', part.refusal]
    default:
      // Only reachable with validation 'off': hash whatever arrived, so unknown parts still change the key.
      return ['other', part as unknown]
  }
}
