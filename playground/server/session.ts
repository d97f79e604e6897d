// Who is this browser? The playground has no login: the first response sets a random id in an HttpOnly cookie, and
// the proxy's `authorize` reads it back, so each browser (each e2e test context) owns its own threads.

/** Name of the cookie that carries the playground user id. */
export const SESSION_COOKIE = 'skein_playground_uid'

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * Reads the user id from a `Cookie` header.
 *
 * @param cookieHeader - the request's `cookie` header, if any
 * @returns the id, or null when there is no (well-formed) session cookie
 */
export function readSession(cookieHeader: string | null): string | null {
  if (cookieHeader === null) return null
  for (const pair of cookieHeader.split(';')) {
    const [name, value] = pair.trim().split('=', 2)
    if (name === SESSION_COOKIE && value !== undefined && ID_PATTERN.test(value)) return value
  }
  return null
}

/** A new session: the id, the header to add to the current request, and the `Set-Cookie` for the response. */
export interface NewSession {
  userId: string
  cookie: string
  setCookie: string
}

/**
 * Creates a session for a browser that has none.
 *
 * @returns the new id with its request cookie and `Set-Cookie` value
 */
export function newSession(): NewSession {
  const userId = crypto.randomUUID().replaceAll('-', '')
  return {
    userId,
    cookie: `${SESSION_COOKIE}=${userId}`,
    // Lax: the proxy also refuses cross-site requests, see @skein/proxy "Cross-site requests".
    setCookie: `${SESSION_COOKIE}=${userId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`,
  }
}
