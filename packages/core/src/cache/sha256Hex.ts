const encoder = /* @__PURE__ */ new TextEncoder()

/**
 * SHA-256 of a text's UTF-8 bytes with Web Crypto, which every runtime has (browsers, workers, Deno, Bun, Node ≥ 20).
 *
 * @param text - the text
 * @returns the digest as 64 lower-case hex characters
 */
export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle
  if (subtle === undefined) {
    throw new TypeError('The response cache needs Web Crypto (crypto.subtle), which this runtime does not provide.')
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', encoder.encode(text)))
  let hex = ''
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0')
  return hex
}
