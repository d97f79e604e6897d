/**
 * JSON with object keys sorted at every depth, so equal values always give the same text (and the same hash)
 * whatever order their keys were written in. `undefined` members are left out, as `JSON.stringify` does.
 *
 * @param value - a JSON value: null, booleans, finite numbers, strings, arrays and plain objects
 * @returns the canonical JSON text
 * @throws TypeError for values JSON cannot carry faithfully (functions, symbols, bigints, NaN, Infinity, cycles)
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }) // '{"a":[true,{"c":"x","d":null}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return write(value, [], '$')
}

function write(value: unknown, stack: object[], path: string): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot carry.`)
      return JSON.stringify(value)
    case 'object':
      break
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot carry.`)
  }
  if (stack.includes(value)) throw new TypeError(`canonicalJson: ${path} refers back to itself (a cycle).`)
  stack.push(value)
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, index) => (item === undefined ? 'null' : write(item, stack, `${path}[${index}]`))).join(',')}]`
    }
    const prototype = Object.getPrototypeOf(value)
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(
        `canonicalJson: ${path} is a ${prototype?.constructor?.name ?? 'class instance'}, not a plain object.`,
      )
    }
    const members: string[] = []
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) members.push(`${JSON.stringify(key)}:${write(item, stack, `${path}.${key}`)}`)
    }
    return `{${members.join(',')}}`
  } finally {
    stack.pop()
  }
}
