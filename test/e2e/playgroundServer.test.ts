// The playground server (the same module `pnpm playground` runs), over real HTTP: sessions, the proxy mount, the key
// staying server-side, static files and the environment switch to a real upstream.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { backendFromEnv } from '../../playground/server/backendFromEnv.ts'
import { EMULATOR_DEV_KEY } from '../../playground/server/playgroundEmulator.ts'
import { newSession, readSession, SESSION_COOKIE } from '../../playground/server/session.ts'
import { createStaticHandler } from '../../playground/server/staticFiles.ts'

const base = inject('playgroundURL')

async function cookieOf(response: Response): Promise<string> {
  const header = response.headers.get('set-cookie') ?? ''
  await response.body?.cancel()
  const pair = header.split(';')[0] ?? ''
  expect(pair.startsWith(`${SESSION_COOKIE}=`)).toBe(true)
  return pair
}

function api(path: string, cookie: string | null, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (cookie !== null) headers.set('cookie', cookie)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  return fetch(`${base}/api/skein${path}`, { ...init, headers })
}

describe('startPlayground (production mode)', () => {
  it('gives a first visit an HttpOnly, SameSite=Lax session cookie, and keeps an existing one', async () => {
    const first = await fetch(`${base}/react/`)
    expect(first.status).toBe(200)
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/)
    const cookie = await cookieOf(first)
    const again = await fetch(`${base}/vue`, { headers: { cookie } })
    expect(again.headers.get('set-cookie')).toBeNull()
    expect(await again.text()).toContain('Skein playground · Vue')
  })

  it('serves the pages with a content security policy and hashed assets', async () => {
    const page = await fetch(`${base}/react`)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    const html = await page.text()
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(asset).toBeDefined()
    const script = await fetch(`${base}${asset}`)
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect(script.headers.get('cache-control')).toContain('immutable')
    await script.body?.cancel()
  })

  it('answers the page config with the assistant only', async () => {
    const config = (await (await fetch(`${base}/__playground/config`)).json()) as Record<string, unknown>
    expect(config).toEqual({ assistantId: 'asst_playground', backend: 'emulator', runOptions: {} })
  })

  it('mounts the proxy: threads are owned per browser and the key never reaches the browser', async () => {
    const alice = await cookieOf(await fetch(`${base}/`))
    const bob = await cookieOf(await fetch(`${base}/`))
    const created = await api('/threads', alice, { method: 'POST', body: '{}' })
    expect(created.status).toBe(200)
    const createdText = await created.text()
    const thread = JSON.parse(createdText) as { id: string }
    expect((await api(`/threads/${thread.id}/messages`, alice)).status).toBe(200)
    const stranger = await api(`/threads/${thread.id}/messages`, bob)
    expect(stranger.status).toBe(404)
    const refused = await api(`/threads/${thread.id}/runs`, alice, {
      method: 'POST',
      body: JSON.stringify({ assistant_id: 'asst_other' }),
    })
    expect(refused.status).toBe(403)
    for (const text of [createdText, await stranger.text(), await refused.text()]) {
      expect(text).not.toContain(EMULATOR_DEV_KEY)
    }
    expect((await api('/files', alice)).status).toBe(404)
  })

  it('gives an API request without a cookie a session of its own', async () => {
    const response = await api('/threads', null, { method: 'POST', body: '{}' })
    expect(response.status).toBe(200)
    expect(await cookieOf(response)).toMatch(new RegExp(`^${SESSION_COOKIE}=`))
  })

  it('answers 404 outside the pages, assets and API', async () => {
    for (const path of [
      '/package.json',
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/server/session.ts',
    ]) {
      const response = await fetch(`${base}${path}`)
      expect(response.status, path).toBe(404)
      await response.body?.cancel()
    }
  })
})

describe('createStaticHandler', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skein-static-'))
    await mkdir(join(dir, 'assets'))
    await writeFile(join(dir, 'index.html'), '<p>home</p>')
    await writeFile(join(dir, 'assets', 'a.js'), 'export {}')
    await writeFile(join(dir, '..', 'secret.txt'), 'nope').catch(() => undefined)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('serves pages and assets, refuses other methods and escapes', async () => {
    const handler = createStaticHandler(dir)
    const get = (path: string, method = 'GET') => handler(new Request(`http://x${path}`, { method }))
    expect(await (await get('/')).text()).toBe('<p>home</p>')
    expect((await get('/assets/a.js')).headers.get('content-type')).toContain('javascript')
    expect((await get('/assets/missing.js')).status).toBe(404)
    expect((await get('/react/')).status).toBe(404)
    expect((await get('/', 'POST')).status).toBe(405)
    expect((await get('/assets/..%2fsecret.txt')).status).toBe(404)
    expect((await get('/', 'HEAD')).body).toBeNull()
  })
})

describe('readSession', () => {
  it('reads well-formed session ids only', () => {
    const session = newSession()
    expect(readSession(`a=b; ${session.cookie}; c=d`)).toBe(session.userId)
    expect(readSession(`${SESSION_COOKIE}=short`)).toBeNull()
    expect(readSession(`${SESSION_COOKIE}=${'x'.repeat(15)}<script>`)).toBeNull()
    expect(readSession(null)).toBeNull()
  })
})

describe('backendFromEnv', () => {
  it('uses the emulator when no upstream is set', () => {
    expect(backendFromEnv({})).toEqual({ kind: 'emulator' })
  })

  it('reads an Assistants-compatible upstream', () => {
    expect(
      backendFromEnv({
        SKEIN_UPSTREAM_URL: 'https://api.example.com/v1/',
        SKEIN_API_KEY: 'sk-test',
        SKEIN_ASSISTANT_ID: 'asst_1',
      }),
    ).toEqual({
      kind: 'openai',
      assistantId: 'asst_1',
      toolsOverride: false,
      upstream: { baseURL: 'https://api.example.com/v1', flavor: 'openai', apiKey: 'sk-test' },
    })
  })

  it('reads an Azure AI Foundry project with a token or a token command', async () => {
    const env = {
      SKEIN_FLAVOR: 'azure',
      SKEIN_UPSTREAM_URL: 'https://res.services.ai.azure.com/api/projects/p',
      SKEIN_API_VERSION: '2025-05-01',
      SKEIN_ASSISTANT_ID: 'asst_1',
      SKEIN_TOOLS_OVERRIDE: '1',
    }
    const withToken = backendFromEnv({ ...env, SKEIN_AZURE_TOKEN: 'tok' })
    expect(withToken).toMatchObject({ kind: 'azure', toolsOverride: true, upstream: { apiVersion: '2025-05-01' } })
    expect(withToken.kind === 'azure' ? await withToken.upstream.getToken?.() : null).toBe('tok')
    const withCommand = backendFromEnv({ ...env, SKEIN_AZURE_TOKEN_COMMAND: 'echo from-command' })
    expect(withCommand.kind === 'azure' ? await withCommand.upstream.getToken?.() : null).toBe('from-command')
  })

  it('names what is missing or conflicting', () => {
    expect(() => backendFromEnv({ SKEIN_UPSTREAM_URL: 'https://x', SKEIN_API_KEY: 'k' })).toThrow(/SKEIN_ASSISTANT_ID/)
    expect(() => backendFromEnv({ SKEIN_UPSTREAM_URL: 'https://x', SKEIN_ASSISTANT_ID: 'a' })).toThrow(/SKEIN_API_KEY/)
    expect(() => backendFromEnv({ SKEIN_FLAVOR: 'azure' })).toThrow(/SKEIN_UPSTREAM_URL/)
    expect(() =>
      backendFromEnv({ SKEIN_UPSTREAM_URL: 'https://x', SKEIN_ASSISTANT_ID: 'a', SKEIN_FLAVOR: 'bedrock' }),
    ).toThrow(/SKEIN_FLAVOR/)
    expect(() =>
      backendFromEnv({
        SKEIN_UPSTREAM_URL: 'https://x',
        SKEIN_ASSISTANT_ID: 'a',
        SKEIN_API_KEY: 'k',
        SKEIN_AZURE_TOKEN: 't',
        SKEIN_FLAVOR: 'azure',
      }),
    ).toThrow(/exactly one/)
    expect(() =>
      backendFromEnv({ SKEIN_UPSTREAM_URL: 'https://x', SKEIN_ASSISTANT_ID: 'a', SKEIN_AZURE_TOKEN: 't' }),
    ).toThrow(/SKEIN_FLAVOR=azure/)
  })
})
