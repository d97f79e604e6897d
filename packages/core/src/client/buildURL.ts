/**
 * Joins the base URL, a path and a query. Relative bases (`/api/skein`) stay relative, so browsers resolve them
 * against the page. `api-version` (Azure) comes first; nullish values are skipped; arrays become repeated `key[]`
 * parameters, the wire's spelling of `include[]`.
 *
 * @param base - the base URL without trailing slashes
 * @param path - the route, starting with `/`, ids already encoded
 * @param query - the query object (strings, numbers, booleans or string arrays)
 * @param apiVersion - Azure's `api-version`, or undefined for OpenAI
 * @returns the URL string given to fetch
 * @throws TypeError for a query value of another type
 */
export function buildURL(
  base: string,
  path: string,
  query: object | undefined,
  apiVersion: string | undefined,
): string {
  const parts: string[] = []
  if (apiVersion !== undefined) parts.push(`api-version=${encodeURIComponent(apiVersion)}`)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    const items: unknown[] = Array.isArray(value) ? value : [value]
    const name = Array.isArray(value) ? `${encodeURIComponent(key)}[]` : encodeURIComponent(key)
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        throw new TypeError(`Query parameter "${key}" must be a string, number, boolean or string array.`)
      }
      parts.push(`${name}=${encodeURIComponent(String(item))}`)
    }
  }
  return base + path + (parts.length > 0 ? `?${parts.join('&')}` : '')
}
