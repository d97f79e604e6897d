// A Cloudflare Worker that serves @skein/proxy, bundled with esbuild by runtimes.test.ts and run in workerd
// (miniflare). The bindings carry the upstream URL, the key and the test sessions.
import { createProxy, type ProxyHandler } from '@skein/proxy'

interface Env {
  UPSTREAM_URL: string
  API_KEY: string
  SECRET: string
  ASSISTANT_ID: string
  /** JSON: `{ "<cookie>": "<userId>" }`. */
  SESSIONS: string
}

let proxy: ProxyHandler | undefined

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    proxy ??= createProxy({
      upstream: { baseURL: env.UPSTREAM_URL, apiKey: env.API_KEY },
      secret: env.SECRET,
      assistants: [env.ASSISTANT_ID],
      basePath: '/api/skein',
      authorize: (incoming) => {
        const sessions = JSON.parse(env.SESSIONS) as Record<string, string>
        const userId = sessions[incoming.headers.get('cookie') ?? '']
        return userId ? { userId } : null
      },
    })
    return proxy(request)
  },
}
