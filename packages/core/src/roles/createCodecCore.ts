import type { MessageCreateParams } from '../client/params.ts'
import type { Message, MessageContent, Metadata, TextContent } from '../schemas/index.ts'
import {
  type Author,
  authorOf,
  checkName,
  checkRole,
  type DecodedMessage,
  defaultLabel,
  isNative,
  isRoleName,
  type WireRole,
} from './author.ts'
import { checkContent } from './checkContent.ts'
import { checkMetadata, fail } from './checkMetadata.ts'
import { cutText, firstText, prependLabel } from './contentLabel.ts'
import type { LabelFormat, RolesCodec } from './createRolesCodec.ts'
import { misuse, show } from './misuse.ts'
import type { TrustedLabel } from './trustedLabel.ts'

/** The prefix of the reserved metadata keys unless `createRolesCodec({ metadataPrefix })` sets another. */
export const DEFAULT_PREFIX = 'skein_'

/**
 * Every object any codec's `decode` returned. A decoded message passed to `decode` again (the client decoded it, then a
 * store or the cache does) comes back as it is: its label is already gone, and cutting again could eat real text.
 */
const decodedObjects = new WeakSet<object>()

const WHERE = 'message metadata'

/** Throws the TypeError of an `encode` or `decode` call without a message object. */
function checkMessage(value: unknown, method: string): asserts value is object {
  if (typeof value !== 'object' || value === null) {
    misuse(`${method}'s message`, 'an object such as { role, content }', value)
  }
}

/**
 * Builds a roles codec from a configuration that is known to be good (the core never validates it).
 * `defaultRolesCodec` is built with this directly, so the option checks and trusted labels of `createRolesCodec` ship
 * only to apps that call it. Positional parameters: they are internal, and each costs no property name in the bundle.
 *
 * @param prefix - the reserved metadata prefix
 * @param format - the label of a custom or named author (`Ada (critic): ` / `critic: ` by default)
 * @param wire - the wire role of a custom role (always `user` by default)
 * @param trusted - reads a trusted label off a message without author metadata (none by default)
 * @returns the codec
 */
export function createCodecCore(
  prefix: string = DEFAULT_PREFIX,
  format: LabelFormat = defaultLabel,
  wire: (role: string) => WireRole = () => 'user',
  trusted?: (text: string | undefined, message: Message) => TrustedLabel | null,
): RolesCodec {
  const roleKey = `${prefix}role`
  const nameKey = `${prefix}name`
  const memo = new WeakMap<object, DecodedMessage>()
  const label = (author: Author): string => (isNative(author.role) && author.name === undefined ? '' : format(author))
  // Checks the role first: it is encode's first check, and the public member may get anything.
  const wireRole = (role: string): WireRole => {
    checkRole(role, prefix)
    return isNative(role) ? role : wire(role)
  }

  function decodeFresh(message: Message): DecodedMessage {
    const content: readonly MessageContent[] = Array.isArray(message.content) ? message.content : []
    const metadata: Metadata | null | undefined = message.metadata
    const role = metadata?.[roleKey]
    const index = firstText(content)
    // `text?.`: REST answers are not checked in lenient mode, and a malformed part must not break every decode.
    const text = (content[index] as TextContent | undefined)?.text?.value
    let author: Author = { role: String(message.role) }
    let cut = 0
    if (isRoleName(role, prefix)) {
      author = authorOf(role, metadata?.[nameKey])
      const written = label(author)
      // Only a label that is really there (and complete) is cut: a streamed `Ada (cri` stays as it is for now.
      if (text?.startsWith(written)) cut = written.length
    } else {
      const found = trusted?.(text, message)
      if (found) [author, cut] = found
    }
    const decoded = { ...message, author }
    if (cut > 0) decoded.content = cutText(content, index, cut)
    return decoded
  }

  return {
    encode(input) {
      checkMessage(input, 'encode')
      const { role, name, content, attachments, metadata } = input
      const sentAs = wireRole(role) // checks the role first
      checkName(name)
      checkContent(content)
      checkMetadata(metadata, WHERE)
      // Native unnamed messages go out as given: no author keys, and no label (label() is '' for them).
      const native = !name && isNative(role)
      const own: Metadata = {}
      for (const [key, value] of [
        [roleKey, native ? undefined : role],
        [nameKey, name],
      ] as const) {
        if (value) own[key] = value
        // A reserved key may be given only with the value the codec writes itself (re-encoding a decoded message).
        if ((metadata?.[key] ?? value) !== value) {
          fail(WHERE, `key ${show(key)} is reserved for the author; pass role and name instead.`, {
            kind: 'key',
            key,
          })
        }
      }
      const sent = native ? metadata : { ...metadata, ...own }
      // Again with the author keys: they count in the 16 pairs, and a long name breaks the value limit.
      checkMetadata(sent, WHERE)
      const body: MessageCreateParams = {
        role: sentAs,
        content: prependLabel(content, label(authorOf(role, name))),
      }
      if (attachments !== undefined) body.attachments = attachments
      if (sent !== undefined) body.metadata = sent
      return body
    },
    decode(message) {
      checkMessage(message, 'decode')
      let decoded = decodedObjects.has(message) ? message : memo.get(message)
      if (decoded === undefined) {
        decoded = decodeFresh(message)
        memo.set(message, decoded)
        decodedObjects.add(decoded)
      }
      return decoded as DecodedMessage<typeof message>
    },
    label,
    wireRole,
    metadataKeys: { role: roleKey, name: nameKey },
  }
}
