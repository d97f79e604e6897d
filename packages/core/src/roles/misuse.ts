/**
 * Throws the TypeError of a misuse (a bad argument the caller can fix). One call site per check keeps the roles code
 * small; the message says what was wrong and what to pass instead.
 *
 * @param message - what was wrong and what to do
 * @throws TypeError always
 */
export function misuse(message: string): never {
  throw new TypeError(message)
}

/**
 * A value as an error message shows it: a string quoted and cut after 24 characters (a 10 kB key or name must not
 * flood the log), anything else by its type (`null` as `null`).
 *
 * @param value - any value
 * @returns a short description
 */
export function show(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value
  const chars = [...value]
  return JSON.stringify(chars.slice(0, 24).join('') + (chars.length > 24 ? '…' : ''))
}
