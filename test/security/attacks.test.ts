// Attacks on @skein/proxy with the emulator as upstream over real HTTP. Every case checks the status (and error code),
// that upstream saw exactly the requests it should (none, for a refusal: `/__emulator/stats` before and after), and
// that neither the key nor anything else upstream-private appears in the response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cases, type Ids } from './attackCases.ts'
import { ALLOWED_ASSISTANT, call, diffRequests, dump, KEY, SESSIONS, type Stack, startStack } from './harness.ts'
import { rawRequest } from './nodeAdapter.ts'

let stack: Stack
let ids: Ids
let upstreamHost: string

beforeAll(async () => {
  stack = await startStack({
    limit: (caller, _request, { route }) =>
      caller.userId === 'bob' && route === 'threads.createAndRun' ? { retryAfter: 7 } : true,
  })
  upstreamHost = new URL(stack.upstreamURL).host
  // Alice's thread, with a message, a finished run and its steps: the targets of every foreign-thread case.
  const thread = await (await call(stack, 'alice', 'POST', '/threads', { body: '{"metadata":{"topic":"x"}}' })).json()
  const message = await (
    await call(stack, 'alice', 'POST', `/threads/${thread.id}/messages`, { body: '{"role":"user","content":"Hello"}' })
  ).json()
  const runResponse = await call(stack, 'alice', 'POST', `/threads/${thread.id}/runs`, {
    body: JSON.stringify({ assistant_id: ALLOWED_ASSISTANT, stream: true }),
  })
  const events = await runResponse.text()
  const run = /"id":"(run_[^"]+)"/.exec(events)?.[1] as string
  const steps = await (await call(stack, 'alice', 'GET', `/threads/${thread.id}/runs/${run}/steps`)).json()
  ids = { thread: thread.id, message: message.id, run, step: steps.data[0].id }
  expect(events).toContain('thread.run.completed')
  expect(ids.step).toMatch(/^step_/)
})

afterAll(async () => {
  await stack?.close()
})

function leakCheck(text: string): void {
  expect(text).not.toContain(KEY)
  // A masked key (as OpenAI's 401 quotes one) still shows a piece of the random part.
  expect(text).not.toContain(KEY.slice(-12))
  expect(text).not.toContain(upstreamHost)
  expect(text.toLowerCase()).not.toMatch(/set-cookie|access-control-allow|openai-organization|openai-project/)
}

describe('@skein/proxy attacks', () => {
  for (const attack of cases) {
    it(`refuses ${attack.name}`, async () => {
      const before = await stack.requests()
      const cookie = (attack.user === null ? undefined : SESSIONS[attack.user]) ?? 'session=none'
      let status: number
      let head: string
      let body: string
      if (attack.raw) {
        const raw = await rawRequest(stack.proxyURL, [`${attack.raw(ids, cookie)}\r\n\r\n`])
        ;({ status, head, body } = raw)
      } else {
        const body_ = typeof attack.body === 'function' ? attack.body() : attack.body
        const response = await call(stack, attack.user, attack.method ?? 'GET', attack.path?.(ids) ?? '/', {
          ...(body_ === undefined ? {} : { body: body_ }),
          ...(attack.headers ? { headers: attack.headers } : {}),
        })
        status = response.status
        ;({ headers: head, body } = await dump(response))
      }
      expect(status).toBe(attack.status)
      if (attack.code !== undefined) expect(JSON.parse(body).error.code).toBe(attack.code)
      if (attack.fromProxy !== false) expect(head.toLowerCase()).toContain('cache-control: no-store')
      if (attack.message) expect(JSON.parse(body).error.message).toBe(attack.message(ids))
      // A refusal reaches upstream not at all (Alice's thread owner is cached, so not even a lookup).
      expect(diffRequests(before, await stack.requests())).toEqual({})
      leakCheck(head)
      leakCheck(body)
    })
  }
})

describe('@skein/proxy after the attacks', () => {
  it("leaves Alice's thread as it was", async () => {
    const thread = await (await call(stack, 'alice', 'GET', `/threads/${ids.thread}`)).json()
    expect(Object.keys(thread.metadata).sort()).toEqual(['skein_owner', 'topic'])
    expect(thread.metadata.topic).toBe('x')
    const messages = await (await call(stack, 'alice', 'GET', `/threads/${ids.thread}/messages?order=asc`)).json()
    expect(messages.data.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant'])
    const message = await (await call(stack, 'alice', 'GET', `/threads/${ids.thread}/messages/${ids.message}`)).json()
    expect(message.metadata).toEqual({})
    const runs = await (await call(stack, 'alice', 'GET', `/threads/${ids.thread}/runs`)).json()
    expect(runs.data.map((run: { id: string; status: string }) => [run.id, run.status])).toEqual([
      [ids.run, 'completed'],
    ])
  })
})
