// Serves the production build (`vite build` output). Small on purpose: the pages, hashed assets, nothing else.
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
}

const PAGES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/react': 'react/index.html',
  '/react/': 'react/index.html',
  '/vue': 'vue/index.html',
  '/vue/': 'vue/index.html',
}

// The built pages run no inline script and load everything from this origin; anything injected into a message would
// need one of those to run, so the policy is a second line behind the markdown renderer's escaping.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'cache-control': 'no-cache',
}

/**
 * A fetch handler for the built playground in `distDir`: the three pages (with a content security policy) and the
 * files under `/assets/`. Everything else is a 404; paths never leave `distDir`.
 *
 * @param distDir - absolute path of the build output
 * @returns the handler
 */
export function createStaticHandler(distDir: string): (request: Request) => Promise<Response> {
  const root = normalize(distDir + sep)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } })
    }
    const { pathname } = new URL(request.url)
    const page = PAGES[pathname]
    const relative = page ?? (pathname.startsWith('/assets/') ? pathname.slice(1) : undefined)
    if (relative === undefined || relative.includes('..') || relative.includes('\\') || relative.includes('%')) {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
    }
    const file = normalize(join(root, relative))
    if (!file.startsWith(root)) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        ...(page === undefined ? { 'cache-control': 'public, max-age=31536000, immutable' } : PAGE_HEADERS),
      }
      return new Response(request.method === 'HEAD' ? null : body, { headers })
    } catch {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
    }
  }
}
