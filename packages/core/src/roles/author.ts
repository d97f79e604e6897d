import type { MessageAttachmentParam, MessageContentPartParam } from '../client/params.ts'
import type { Message, Metadata } from '../schemas/index.ts'

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

/** Custom role names: an identifier-like word, so it reads well in a label and cannot smuggle a line break in. */
const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/
const FORBIDDEN_ROLES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Checks a role name.
 *
 * @param role - the role
 * @param prefix - the codec's reserved metadata prefix, which a role may not start with
 * @throws TypeError when the role is empty, not identifier-like, or looks like a reserved key
 */
export function checkRole(role: unknown, prefix: string): asserts role is string {
  if (typeof role !== 'string' || role.trim() === '') {
    throw new TypeError(`role must be a non-empty string such as 'user', 'assistant' or 'critic', got ${show(role)}.`)
  }
  if (!ROLE_NAME.test(role) || FORBIDDEN_ROLES.has(role)) {
    const hint = role.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z]+/, '')
    throw new TypeError(
      `role ${JSON.stringify(role)} is not a valid role name (letters, digits, '_', '-', '.', starting with a letter, ≤ 64 characters).` +
        (hint !== '' && hint !== role && ROLE_NAME.test(hint) ? ` Did you mean ${JSON.stringify(hint)}?` : ''),
    )
  }
  if (prefix !== '' && role.startsWith(prefix)) {
    throw new TypeError(
      `role ${JSON.stringify(role)} starts with the reserved metadata prefix ${JSON.stringify(prefix)}.`,
    )
  }
}

/**
 * Checks an author name's shape (its length is a metadata budget matter, checked with the rest of the metadata).
 *
 * @param name - the name
 * @throws TypeError when the name is not a string, is blank, or holds a line break or control character
 */
export function checkName(name: unknown): asserts name is string | undefined {
  if (name === undefined) return
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError(`name must be a non-empty string (or left out), got ${show(name)}.`)
  }
  if (hasControlCharacter(name)) {
    throw new TypeError(
      `name ${JSON.stringify(name)} contains a line break or control character; use one line of text.`,
    )
  }
}

/**
 * Whether `value` is an author a message can carry (used on decoded metadata, which anyone may have written).
 *
 * @param role - a role read from metadata
 * @param prefix - the reserved prefix
 * @returns true when it is a role {@link checkRole} accepts
 */
export function isRoleName(role: unknown, prefix: string): role is string {
  return (
    typeof role === 'string' &&
    ROLE_NAME.test(role) &&
    !FORBIDDEN_ROLES.has(role) &&
    (prefix === '' || !role.startsWith(prefix))
  )
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

/** Control characters and line breaks: a name with a line break could forge a second label in the model's view. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) return true
  }
  return false
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  return value === null ? 'null' : typeof value
}
