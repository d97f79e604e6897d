/**
 * Throws the TypeError of a misuse (a bad argument the caller can fix): `<subject> must be <rule>, got <value>.`. One
 * helper for every check keeps the roles code small; the rule says what to pass instead.
 *
 * @param subject - what was wrong, e.g. `name` or `content[2]`
 * @param rule - what it must be instead
 * @param value - the value given (shown by {@link show})
 * @throws TypeError always
 */
export function misuse(subject: string, rule: string, value: unknown): never {
  throw new TypeError(`${subject} must be ${rule}, got ${show(value)}.`)
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
  // Cut by code points, so an emoji is never split in half.
  const chars = [...value]
  return JSON.stringify(chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : value)
}
