import type { Message, MessageContent, Metadata, TextContent } from '../schemas/index.ts'
import {
  type Author,
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

/** What makes one codec differ from another, already checked (the core never validates its configuration). */
export interface CodecConfig {
  /** The reserved metadata prefix. @defaultValue {@link DEFAULT_PREFIX} */
  readonly prefix?: string | undefined
  /** The label of a custom or named author. @defaultValue `Ada (critic): ` / `critic: ` */
  readonly format?: LabelFormat | undefined
  /** The wire role of a custom role. @defaultValue always `user` */
  readonly wire?: ((role: string) => WireRole) | undefined
  /** Reads a trusted label off a message without author metadata. @defaultValue none */
  readonly trusted?: ((text: string | undefined, message: Message) => TrustedLabel | null) | undefined
}

/**
 * Every object any codec's `decode` returned. A decoded message passed to `decode` again (the client decoded it, then a
 * store or the cache does) comes back as it is: its label is already gone, and cutting again could eat real text.
 */
const decodedObjects = new WeakSet<object>()

const WHERE = 'message metadata'

/**
 * Builds a roles codec from a configuration that is known to be good. `defaultRolesCodec` is built with this directly,
 * so the option checks and trusted labels of `createRolesCodec` ship only to apps that call it.
 *
 * @param config - the prefix, label format, wire roles and trusted-label reader
 * @returns the codec
 */
export function createCodecCore(config: CodecConfig): RolesCodec {
  const { prefix = DEFAULT_PREFIX, format = defaultLabel, wire = () => 'user', trusted } = config
  const keys = { role: `${prefix}role`, name: `${prefix}name` }
  const memo = new WeakMap<object, DecodedMessage>()
  const label = (author: Author): string => (isNative(author.role) && author.name === undefined ? '' : format(author))
  const wireRole = (role: string): WireRole => (isNative(role) ? role : wire(role))

  function decodeFresh<TMessage extends Message>(message: TMessage): DecodedMessage<TMessage> {
    const content: readonly MessageContent[] = Array.isArray(message.content) ? message.content : []
    const metadata: Metadata | null | undefined = message.metadata
    const role = metadata?.[keys.role]
    const index = firstText(content)
    // `text?.`: REST answers are not checked in lenient mode, and a malformed part must not break every decode.
    const text = (content[index] as TextContent | undefined)?.text?.value
    let author: Author = { role: String(message.role) }
    let cut = 0
    if (isRoleName(role, prefix)) {
      author = authorOf(role, metadata?.[keys.name])
      const written = label(author)
      // Only a label that is really there (and complete) is cut: a streamed `Ada (cri` stays as it is for now.
      if (text?.startsWith(written)) cut = written.length
    } else {
      const found = trusted?.(text, message)
      if (found) ({ author, length: cut } = found)
    }
    return { ...message, ...(cut > 0 && { content: cutText(content, index, cut) }), author }
  }

  return {
    encode(input) {
      if (typeof input !== 'object' || input === null) {
        misuse("encode needs a message object such as { role: 'critic', content: 'Hi' }.")
      }
      const { role, name, content, attachments, metadata } = input
      checkRole(role, prefix)
      checkName(name)
      checkContent(content)
      checkMetadata(metadata, WHERE)
      // `name` is a non-blank string or undefined (checked above).
      const author: Author = name ? { role, name } : { role }
      // Native unnamed messages go out as given: no author keys, and no label (label() is '' for them).
      const native = !name && isNative(role)
      const own: Metadata = native ? {} : { [keys.role]: role, ...(name && { [keys.name]: name }) }
      for (const key of [keys.role, keys.name]) {
        // A reserved key may be given only with the value the codec writes itself (re-encoding a decoded message).
        if ((metadata?.[key] ?? own[key]) !== own[key]) {
          fail(`${WHERE} key ${show(key)} is reserved for the author; pass role and name instead.`, {
            kind: 'key',
            key,
          })
        }
      }
      const sent = native ? metadata : { ...metadata, ...own }
      checkMetadata(sent, WHERE)
      return {
        role: wireRole(role),
        content: prependLabel(content, label(author)),
        ...(attachments !== undefined && { attachments }),
        ...(sent !== undefined && { metadata: sent }),
      }
    },
    decode(message) {
      if (typeof message !== 'object' || message === null) {
        misuse(`decode needs a message object, got ${show(message)}.`)
      }
      if (decodedObjects.has(message)) return message as DecodedMessage<typeof message>
      let decoded = memo.get(message)
      if (decoded === undefined) {
        decoded = decodeFresh(message)
        memo.set(message, decoded)
        decodedObjects.add(decoded)
      }
      return decoded as DecodedMessage<typeof message>
    },
    label,
    wireRole(role) {
      checkRole(role, prefix)
      return wireRole(role)
    },
    metadataKeys: keys,
  }
}

/** An author from a role and a name that may be missing or blank (read from metadata anyone may have written). */
function authorOf(role: string, name: unknown): Author {
  return typeof name === 'string' && name.trim() !== '' ? { role, name } : { role }
}
