import type { MessageAttachmentParam, MessageContentPartParam } from '../client/params.ts'
import type { Message, Metadata } from '../schemas/index.ts'
import { misuse, show } from './misuse.ts'

/** The two roles the wire knows. */
export type WireRole = 'user' | 'assistant'

/**
 * Who wrote a message: a role (`user`, `assistant`, or a custom one such as `critic`) and an optional display name.
 *
 * @example
 * ```ts
 * const author: Author = { role: 'critic', name: 'Ada' }
 * ```
 */
export interface Author {
  readonly role: string
  readonly name?: string
}

/** A message to post as any author: the wire body of `messages.create`, with a free `role` and an optional `name`. */
export interface AuthoredMessageInput {
  /** `user`, `assistant`, or a custom role (letters, digits, `_`, `-`, `.`; starts with a letter; ≤ 64 characters). */
  role: string
  /** A display name (≤ 512 characters, no line breaks). */
  name?: string | undefined
  content: string | readonly MessageContentPartParam[]
  attachments?: readonly MessageAttachmentParam[] | null | undefined
  metadata?: Metadata | null | undefined
}

/** A message with its decoded author, and its content without the author label. */
export type DecodedMessage<TMessage extends Message = Message> = TMessage & { readonly author: Author }

/**
 * What the client's `messages` methods return: a wire message, with `author` when the client has a roles codec
 * (`createClient({ roles })`). `client.roles.decode(message)` always gives a {@link DecodedMessage}.
 */
export type AuthoredMessage = Message & { readonly author?: Author | undefined }

// Custom role names are identifier-like words, so they read well in a label and cannot smuggle a line break in; the
// lookahead keeps out the names that would reach an object's prototype when used as a key (`__proto__` already fails
// the first letter).
const ROLE_NAME = /^(?!(constructor|prototype)$)[A-Za-z][\w.-]{0,63}$/

/**
 * Whether a role is one of the two the wire knows.
 *
 * @param role - any role
 * @returns true for `user` and `assistant`
 */
export function isNative(role: unknown): role is WireRole {
  return role === 'user' || role === 'assistant'
}

/**
 * Whether `role` is a role name a message can carry (also used on decoded metadata, which anyone may have written).
 *
 * @param role - a role, possibly read from metadata
 * @param prefix - the codec's reserved metadata prefix (never empty), which a role may not start with
 * @returns true when it is a role {@link checkRole} accepts
 */
export function isRoleName(role: unknown, prefix: string): role is string {
  return typeof role === 'string' && ROLE_NAME.test(role) && !role.startsWith(prefix)
}

/**
 * Checks a role name. One message covers every rule (blank, malformed, reserved prefix), with a "Did you mean" when a
 * cleaned-up name would pass.
 *
 * @param role - the role
 * @param prefix - the codec's reserved metadata prefix, which a role may not start with
 * @throws TypeError when the role is empty, not identifier-like, or looks like a reserved key
 */
export function checkRole(role: unknown, prefix: string): asserts role is string {
  if (isRoleName(role, prefix)) return
  const hint = typeof role === 'string' && role.replace(/[^\w.-]+/g, '_').replace(/^[^A-Za-z]+/, '')
  const didYouMean = hint !== role && isRoleName(hint, prefix) ? ` Did you mean ${show(hint)}?` : ''
  throw new TypeError(
    `role ${show(role)} is not a valid role name: use a non-empty string of up to 64 letters, digits, _ - . starting with a letter, not with the reserved metadata prefix ${show(prefix)}.${didYouMean}`,
  )
}

/** Whether `name` is a non-blank string. */
const isName = (name: unknown): name is string => typeof name === 'string' && name.trim() !== ''

/**
 * Checks an author name's shape (its length is a metadata budget matter, checked with the rest of the metadata).
 * Control characters and line breaks are refused: a name with a line break could forge a second label in the model's
 * view.
 *
 * @param name - the name
 * @throws TypeError when the name is not a string, is blank, or holds a line break or control character
 */
export function checkName(name: unknown): asserts name is string | undefined {
  if (name !== undefined && (!isName(name) || /[\p{Cc}\u2028\u2029]/u.test(name))) {
    misuse('name', 'a non-empty string without line breaks or control characters', name)
  }
}

/**
 * An author from a role and a name that may be missing or blank (a checked input, or metadata anyone may have written).
 *
 * @param role - the role
 * @param name - the name, kept only when it is a non-blank string
 * @returns the author
 */
export function authorOf(role: string, name: unknown): Author {
  return isName(name) ? { role, name } : { role }
}

/**
 * The default author label: `Ada (critic): ` for a named author, `critic: ` otherwise.
 *
 * @param author - the author
 * @returns the exact prefix written before the text
 */
export function defaultLabel(author: Author): string {
  return author.name === undefined ? `${author.role}: ` : `${author.name} (${author.role}): `
}
