// The scenario as a Cloudflare module Worker, run in workerd by miniflare: `GET /?api=<baseURL>` answers the result
// as JSON, or a 500 with the error's stack. The default export is the Workers module format's contract.
import { createClient } from '@skein/core'
import { runScenario } from '../scenario.ts'

export default {
  async fetch(request: Request): Promise<Response> {
    const api = new URL(request.url).searchParams.get('api')
    if (!api) return new Response('missing ?api=', { status: 400 })
    try {
      return Response.json(await runScenario(createClient, api))
    } catch (error) {
      return new Response(error instanceof Error ? (error.stack ?? String(error)) : String(error), { status: 500 })
    }
  },
}
