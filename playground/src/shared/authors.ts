// "Post as": who a message is posted as, and who wrote each message shown.
import type { SendOptions, ThreadMessage } from '@skein/core'

/** The composer's choice. */
export type PostAsKind = 'user' | 'assistant' | 'custom'

/** The composer's choice with the custom author's fields. */
export interface PostAs {
  kind: PostAsKind
  /** Custom role, e.g. `critic`. */
  role: string
  /** Custom author name, e.g. `Ada` (may be empty). */
  name: string
}

/** Who wrote a message, as shown. */
export interface ShownAuthor {
  /** The wire role or the custom role: what `data-role` says. */
  role: string
  /** The author's name, when there is one. */
  name: string | null
}

/** What a custom role may look like (the roles codec's rule): a letter, then letters, digits, `_`, `-`, `.`. */
export const CUSTOM_ROLE_PATTERN = '[A-Za-z][A-Za-z0-9_.\\-]{0,63}'

const ROLE_LABELS: Readonly<Record<string, string>> = { user: 'You', assistant: 'Assistant' }

/**
 * The author of a message, decoded by the roles codec (custom role and name, or the wire role).
 *
 * @param message - a message from the thread snapshot
 * @returns the role and name to show
 */
export function authorOf(message: ThreadMessage): ShownAuthor {
  const { role, name } = message.author
  return { role: role || message.role, name: name || null }
}

/**
 * The label of an author.
 *
 * @param author - from {@link authorOf}
 * @returns e.g. `You`, `Assistant`, `Ada (critic)`
 */
export function authorLabel(author: ShownAuthor): string {
  if (author.name !== null) return author.role in ROLE_LABELS ? author.name : `${author.name} (${author.role})`
  return ROLE_LABELS[author.role] ?? author.role
}

/**
 * The send options for a "post as" choice. A user send starts a run; an assistant or custom author only posts.
 *
 * @param postAs - the composer's choice
 * @returns options for `send(content, options)`
 */
export function sendOptionsFor(postAs: PostAs): SendOptions {
  if (postAs.kind === 'user') return {}
  if (postAs.kind === 'assistant') return { role: 'assistant' }
  const name = postAs.name.trim()
  return { role: postAs.role.trim(), ...(name === '' ? {} : { name }) }
}
