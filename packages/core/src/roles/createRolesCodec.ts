import type { MessageCreateParams } from '../client/params.ts'
import { AssistantsError } from '../errors.ts'
import type { Message, Metadata } from '../schemas/index.ts'
import {
  type Author,
  type AuthoredMessageInput,
  checkName,
  checkRole,
  type DecodedMessage,
  defaultLabel,
  isRoleName,
  type WireRole,
} from './author.ts'
import { checkCodecOptions } from './checkCodecOptions.ts'
import { checkContent } from './checkContent.ts'
import { checkMetadata } from './checkMetadata.ts'
import { cutText, firstTextIndex, prependLabel } from './contentLabel.ts'
import { readTrustedLabel, type TrustLabels } from './trustedLabel.ts'

/** Builds the exact prefix written before an author's text (including any separator), e.g. `[Ada] `. */
export type LabelFormat = (author: Author) => string

/** How one custom role is sent. */
export interface RoleOptions {
  /** The wire role it is posted as. @defaultValue the codec's `defaultWireRole` */
  wireRole?: WireRole | undefined
  /** This role's label format, or `false` for none. @defaultValue the codec's `label` */
  label?: false | LabelFormat | undefined
}

/** Options of {@link createRolesCodec}. */
export interface RolesCodecOptions {
  /** Per custom role: its wire role and label (`{ critic: { wireRole: 'assistant' } }`). `user`/`assistant` are fixed. */
  roles?: Readonly<Record<string, RoleOptions>> | undefined
  /** The wire role of custom roles not listed in `roles`. @defaultValue `'user'` */
  defaultWireRole?: WireRole | undefined
  /** The label the model reads before a custom or named author's text, or `false` for none. @defaultValue `Ada (critic): ` / `critic: ` */
  label?: false | LabelFormat | undefined
  /** The prefix of the reserved metadata keys (`<prefix>role`, `<prefix>name`). @defaultValue `'skein_'` */
  metadataPrefix?: string | undefined
  /** Which `LABEL: text` prefixes of messages without author metadata to decode. @defaultValue none */
  trustLabels?: TrustLabels | undefined
}

/** Encodes authors onto the wire and decodes them back. Pure; members are closures that may be passed around. */
export interface RolesCodec {
  /**
   * Turns a message by any author into a `messages.create` body: native roles untouched; custom roles and named
   * authors mapped to a wire role, recorded in reserved metadata and labelled. Checks the metadata budget.
   * @throws AssistantsError `validation` naming the key when the metadata is over budget or uses a reserved key
   * @throws TypeError when the role, name or content is malformed
   */
  encode(input: AuthoredMessageInput): MessageCreateParams
  /**
   * Adds `author` and removes the author label from the content. Pure and memoized by object identity: the same
   * message object always gives the same decoded object, and a message that any codec decoded is returned as it is.
   */
  decode<TMessage extends Message>(message: TMessage): DecodedMessage<TMessage>
  /** The label this codec writes for `author` (`''` for native authors or when labels are off). */
  label(author: Author): string
  /** The wire role a role is posted as. */
  wireRole(role: string): WireRole
  /** The reserved metadata keys. */
  readonly metadataKeys: { readonly role: string; readonly name: string }
}

/**
 * Every object any codec's `decode` returned. A decoded message passed to `decode` again (the client decoded it, then a
 * store or the cache does) comes back as it is: its label is already gone, and cutting again could eat real text.
 */
const decodedObjects = new WeakSet<object>()

const DEFAULT_PREFIX = 'skein_'

/**
 * Creates a roles codec: custom roles and named authors on a wire that knows only `user` and `assistant`.
 *
 * @param options - per-role wire roles and labels, the label format, the metadata prefix and trusted labels
 * @returns the codec; give it to `createClient({ roles })` so every read decodes
 * @throws TypeError when an option is malformed
 * @example
 * ```ts
 * const roles = createRolesCodec({ roles: { critic: { wireRole: 'assistant' } }, trustLabels: ['ASSISTANT'] })
 * const client = createClient({ baseURL: '/api/skein', roles })
 * await client.messages.create(threadId, roles.encode({ role: 'critic', name: 'Ada', content: 'Too long.' }))
 * for await (const message of client.messages.list(threadId)) console.log(message.author, messageText(message))
 * ```
 */
export function createRolesCodec(options: RolesCodecOptions = {}): RolesCodec {
  const { roles = {}, defaultWireRole = 'user', label: labelOption, metadataPrefix = DEFAULT_PREFIX } = options
  const trust = options.trustLabels
  checkCodecOptions(options, roles, defaultWireRole, labelOption, metadataPrefix, trust)
  const keys = Object.freeze({ role: `${metadataPrefix}role`, name: `${metadataPrefix}name` })
  const roleOptions = (role: string): RoleOptions | undefined =>
    Object.hasOwn(roles, role) ? (roles[role] as RoleOptions) : undefined
  const memo = new WeakMap<object, DecodedMessage>()

  function label(author: Author): string {
    const native = author.role === 'user' || author.role === 'assistant'
    if (native && author.name === undefined) return ''
    const format = roleOptions(author.role)?.label ?? labelOption ?? defaultLabel
    if (format === false) return ''
    const text = format(author)
    if (typeof text !== 'string') {
      throw new TypeError(
        `The label format returned ${typeof text} for role ${JSON.stringify(author.role)}; return a string.`,
      )
    }
    return text
  }

  function wireRole(role: string): WireRole {
    if (role === 'user' || role === 'assistant') return role
    return roleOptions(role)?.wireRole ?? defaultWireRole
  }

  function encode(input: AuthoredMessageInput): MessageCreateParams {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new TypeError("encode needs a message object, e.g. { role: 'critic', name: 'Ada', content: 'Hi' }.")
    }
    const { role, name, content, attachments, metadata } = input
    checkRole(role, metadataPrefix)
    checkName(name)
    checkContent(content)
    checkMetadata(metadata, 'message metadata')
    const author: Author = name === undefined ? { role } : { role, name }
    const native = name === undefined && (role === 'user' || role === 'assistant')
    const authorKeys: Metadata = native
      ? {}
      : name === undefined
        ? { [keys.role]: role }
        : { [keys.role]: role, [keys.name]: name }
    for (const key of [keys.role, keys.name]) {
      const given = metadata?.[key]
      if (given !== undefined && given !== authorKeys[key]) {
        throw new AssistantsError(
          'validation',
          `message metadata key ${JSON.stringify(key)} is reserved for the author; pass role and name instead.`,
          { issues: [{ kind: 'key', key }] },
        )
      }
    }
    const extras = attachments === undefined ? {} : { attachments }
    if (native) return { role, content, ...extras, ...(metadata === undefined ? {} : { metadata }) }
    const merged: Metadata = { ...metadata, ...authorKeys }
    checkMetadata(merged, 'message metadata')
    return { role: wireRole(role), content: prependLabel(content, label(author)), ...extras, metadata: merged }
  }

  function decodeFresh<TMessage extends Message>(message: TMessage): DecodedMessage<TMessage> {
    const content = Array.isArray(message.content) ? message.content : []
    const metadata = message.metadata
    const metaRole = typeof metadata === 'object' && metadata !== null ? metadata[keys.role] : undefined
    if (isRoleName(metaRole, metadataPrefix)) {
      const metaName = metadata?.[keys.name]
      const named = typeof metaName === 'string' && metaName.trim() !== ''
      const author: Author = named ? { role: metaRole, name: metaName } : { role: metaRole }
      const prefix = label(author)
      const index = firstTextIndex(content)
      const text = index === -1 ? undefined : content[index]
      // Only a label that is really there (and complete) is cut: a streamed `Ada (cri` stays as it is for now.
      if (prefix !== '' && text?.type === 'text' && text.text.value.startsWith(prefix)) {
        return { ...message, content: cutText(content, index, prefix.length), author }
      }
      return { ...message, author }
    }
    if (trust !== undefined) {
      const index = firstTextIndex(content)
      const text = index === -1 ? undefined : content[index]
      const found = text?.type === 'text' ? readTrustedLabel(text.text.value, message, trust) : null
      if (found !== null) return { ...message, content: cutText(content, index, found.length), author: found.author }
    }
    return { ...message, author: { role: String(message.role) } }
  }

  return {
    encode,
    decode<TMessage extends Message>(message: TMessage): DecodedMessage<TMessage> {
      if (typeof message !== 'object' || message === null) {
        throw new TypeError(`decode needs a message object, got ${message === null ? 'null' : typeof message}.`)
      }
      if (decodedObjects.has(message)) return message as DecodedMessage<TMessage>
      const known = memo.get(message)
      if (known !== undefined) return known as DecodedMessage<TMessage>
      const decoded = decodeFresh(message)
      memo.set(message, decoded)
      decodedObjects.add(decoded)
      return decoded
    },
    label,
    wireRole(role) {
      checkRole(role, metadataPrefix)
      return wireRole(role)
    },
    metadataKeys: keys,
  }
}
