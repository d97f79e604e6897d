import type { MessageCreateParams } from '../client/params.ts'
import type { Message } from '../schemas/index.ts'
import { type Author, type AuthoredMessageInput, type DecodedMessage, defaultLabel, type WireRole } from './author.ts'
import { checkCodecOptions } from './checkCodecOptions.ts'
import { createCodecCore, DEFAULT_PREFIX } from './createCodecCore.ts'
import { misuse } from './misuse.ts'
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
  if (typeof options !== 'object' || options === null)
    misuse('createRolesCodec options', 'an object (or left out)', options)
  const { roles = {}, defaultWireRole = 'user', label: labelOption, metadataPrefix = DEFAULT_PREFIX } = options
  const trust = options.trustLabels
  checkCodecOptions(roles, defaultWireRole, labelOption, metadataPrefix, trust)
  const roleOptions = (role: string): RoleOptions | undefined =>
    Object.hasOwn(roles, role) ? (roles[role] as RoleOptions) : undefined
  return createCodecCore(
    metadataPrefix,
    (author) => {
      const format = roleOptions(author.role)?.label ?? labelOption ?? defaultLabel
      if (format === false) return ''
      const text = format(author)
      if (typeof text !== 'string') {
        misuse(`The label format's result for role ${JSON.stringify(author.role)}`, 'a string', text)
      }
      return text
    },
    (role) => roleOptions(role)?.wireRole ?? defaultWireRole,
    trust === undefined
      ? undefined
      : (text, message) => (text === undefined ? null : readTrustedLabel(text, message, trust)),
  )
}
