// A consumer of the BUILT packages' declarations, type-checked by packaging.test.ts under `moduleResolution` node16,
// nodenext and bundler without the `@skein/source` condition and with `skipLibCheck: false`, so every `./x.ts`
// specifier inside the emitted `.d.ts` files must resolve. Each `@ts-expect-error` fails the check if a type
// silently became `any` (what an unresolved import inside a declaration file turns into).
import { AssistantsError, createClient, initialRunState, type RunState, reduceRun } from '@skein/core'
import { createEmulator } from '@skein/emulator'
import { type Listening, listen } from '@skein/emulator/node'
import { createProxy, type ProxyHandler } from '@skein/proxy'
import { SkeinProvider, type UseRunReturn, type UseThreadReturn, useRun, useThread } from '@skein/react'
import { skein, useThread as useVueThread, type UseThreadReturn as VueUseThreadReturn } from '@skein/vue'

/** Calls every entry point with real types; never run, only checked. */
export async function consume(): Promise<string[]> {
  const client = createClient({ baseURL: 'http://127.0.0.1:8787/v1' })
  const state: RunState = await client.runs.stream('thread_1', { assistant_id: 'asst_1' }).done()
  const next: RunState = reduceRun(initialRunState(), { event: 'thread.run.created', data: state.run as never })
  // @ts-expect-error baseURL is required
  createClient({})
  // @ts-expect-error a RunState has no `text` field
  next.text

  const emulator = createEmulator({ tokenDelayMs: 0 })
  const server: Listening = await listen(emulator, { port: 0 })
  // @ts-expect-error the port is a number
  await listen(emulator, { port: '8787' })

  const proxy: ProxyHandler = createProxy({
    upstream: { baseURL: server.url, apiKey: 'key' },
    secret: 'secret',
    assistants: ['asst_1'],
    authorize: () => ({ userId: 'u' }),
  })
  const response: Response = await proxy(new Request(`${server.url}/threads`))
  // @ts-expect-error the proxy answers a Request, not a URL string
  await proxy(server.url)

  const thread: UseThreadReturn = useThread('thread_1')
  const run: UseRunReturn = useRun(thread.threadId)
  // @ts-expect-error SkeinProvider needs a client
  SkeinProvider({ children: null })
  const vueThread: VueUseThreadReturn = useVueThread('thread_1')
  // @ts-expect-error the Vue plugin is an object with `install`, not a function
  skein()

  const error = new AssistantsError('network', 'offline')
  return [error.code, String(response.status), String(run.status), String(vueThread.threadId)]
}
