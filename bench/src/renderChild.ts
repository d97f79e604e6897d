// One render-load measurement in a fresh process (with happy-dom preloaded by domGlobals.ts): a chat on `useThread`
// shows a thread with finished history, then streams a reply of exactly N deltas from the emulator at 1,000 deltas/s.
// Prints one JSON line. Run by render.ts, never directly.
import { createClient, getThreadStore, messageText, type ThreadMessage, type ThreadSnapshot } from '@skein/core'
import { createEmulator } from '@skein/emulator'
import { createPacedClock } from './pacedClock.ts'
import { mountReactChat } from './reactChat.ts'
import { createRenderProbe, isFinished, type MountChat } from './renderProbe.ts'
import { median } from './stats.ts'
import { mountVueChat } from './vueChat.ts'

const [framework, deltasArg] = process.argv.slice(2)
const deltas = Number(deltasArg)
const mount: MountChat | undefined =
  framework === 'react' ? mountReactChat : framework === 'vue' ? mountVueChat : undefined
if (mount === undefined || !Number.isInteger(deltas) || deltas < 1) {
  console.error('usage: renderChild.mjs <react|vue> <deltas>')
  process.exit(2)
}

const ASSISTANT = 'asst_bench'
const BASE = 'http://emulator.bench/v1'
const HISTORY = [
  { role: 'user', content: 'Hello! What is Skein?' },
  { role: 'assistant', content: 'A small SDK for Assistants-style threads, with React and Vue bindings.' },
  { role: 'user', content: 'Does it stream?' },
  { role: 'assistant', content: 'Yes: every delta lands in an immutable snapshot, throttled for rendering.' },
  { role: 'user', content: 'Show me déjà vu 🧵' },
  { role: 'assistant', content: 'déjà vu 🧵 — there you go.' },
] as const

const emulator = createEmulator({
  assistants: [{ id: ASSISTANT, model: 'gpt-4o', tools: [] }],
  tokenDelayMs: 1,
  clock: createPacedClock(),
})
const fetchEmulator = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
  emulator.fetch(new Request(input, init))
const client = createClient({ baseURL: BASE, fetch: fetchEmulator })

function waitFor(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (ready()) resolve()
      else if (performance.now() - started > timeoutMs)
        reject(
          new Error(
            `render bench: timed out waiting for ${what} (status ${snapshot().status}, ${snapshot().messages.length} messages, ${probe.commits.length} commits, error ${snapshot().error?.message})`,
          ),
        )
      else setTimeout(poll, 5)
    }
    poll()
  })
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const thread = await client.threads.create({ messages: HISTORY.map((message) => ({ ...message })) })
const container = document.createElement('div')
document.body.appendChild(container)
const probe = createRenderProbe()
const unmount = mount(container, { client, threadId: thread.id, assistantId: ASSISTANT }, probe)
const store = getThreadStore(client, thread.id)
const snapshot = (): ThreadSnapshot => store.getSnapshot()

await waitFor(
  'the history',
  () => snapshot().status === 'idle' && probe.commits.at(-1)?.messages.length === HISTORY.length,
  10_000,
)
await sleep(100)

const sentAt = performance.now()
const firstCommit = probe.commits.length
void store.send(`[deltas:${deltas}] stream a long reply please`)
const replyOf = (messages: readonly ThreadMessage[]): ThreadMessage | undefined =>
  messages.find((message) => message.role === 'assistant' && message.run_id != null)
await waitFor(
  'the reply to finish',
  () => {
    const last = probe.commits.at(-1)
    const reply = last === undefined ? undefined : replyOf(last.messages)
    return snapshot().status === 'completed' && reply !== undefined && isFinished(reply)
  },
  deltas * 5 + 20_000,
)
// Late work after the run (history refresh, tool-state cleanup) must not re-render finished rows either.
await sleep(500)

const listed = await fetchEmulator(`${BASE}/threads/${thread.id}/messages?order=desc&limit=1`)
const server = ((await listed.json()) as { data: ThreadMessage[] }).data[0]!
const row = container.querySelector(`li[data-id="${server.id}"]`)
const textOk = row !== null && row.textContent === messageText(server) && messageText(server).length > 0

const commits = probe.commits.slice(firstCommit)
const streaming = commits.filter((commit) => {
  const reply = replyOf(commit.messages)
  return reply !== undefined && !isFinished(reply) && messageText(reply).length > 0
})
const finished = commits.find((commit) => {
  const reply = replyOf(commit.messages)
  return reply !== undefined && isFinished(reply)
})
const first = streaming[0]?.at ?? Number.NaN
const last = streaming.at(-1)?.at ?? Number.NaN
const gaps = streaming.slice(1).map((commit, i) => commit.at - streaming[i]!.at)
const windowMs = last - first

console.log(
  JSON.stringify({
    framework,
    deltas,
    sentAt,
    streamMs: (finished?.at ?? Number.NaN) - first,
    windowMs,
    deltaRate: deltas / (((finished?.at ?? Number.NaN) - first) / 1000),
    streamingCommits: streaming.length,
    totalCommits: commits.length,
    allowedCommits: Math.floor(windowMs / 32) + 1,
    commitsPerSecond: (streaming.length - 1) / (windowMs / 1000),
    minGapMs: gaps.length > 0 ? Math.min(...gaps) : Number.NaN,
    medianGapMs: median(gaps),
    finishedReRenders: probe.finishedReRenders(),
    reRendered: [...new Set(probe.reRendered())],
    textOk,
    textLength: messageText(server).length,
  }),
)
unmount()
process.exit(0)
