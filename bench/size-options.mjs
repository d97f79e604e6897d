// `node bench/size-options.mjs`: what the core streaming entry would weigh with parts of the contract taken out. It
// answers one question: what would it take to meet the 6 kB budget of issue 8? Each row bundles an entry the way
// size-limit does (esbuild, minified, brotli at its default quality), with the named modules replaced by no-op stubs.
// The numbers are for deciding, not for shipping: a stubbed build does not work.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync } from 'node:zlib'
import { build } from 'esbuild'

const core = fileURLToPath(new URL('../packages/core/src/', import.meta.url))

// What an app that needs nothing but `runs.stream` would ship: the transport and the run stream, no client object.
const runsOnly = `
import { createTransport } from '${core}client/createTransport.ts'
import { createRunStream } from '${core}stream/createRunStream.ts'
export async function streamRun(baseURL, threadId, assistantId, onText) {
  const t = createTransport({ baseURL })
  const path = '/threads/' + encodeURIComponent(threadId) + '/runs'
  const body = { assistant_id: assistantId, stream: true }
  const stream = createRunStream((signal) => t.request('POST', path, 'run', undefined, body, undefined, signal), {
    validation: t.validation,
  })
  for await (const event of stream) if (event.event === 'thread.message.delta') onText(event.data)
  return stream.done()
}`

const LENIENT = 'stream/checkLenient.ts'
const GET_ONLY = ['client/retry.ts', 'client/pagination.ts']

/** [what is taken out, entry (a file or source text), modules stubbed] */
const ROWS = [
  ['nothing (the size-limit entry)', 'size/coreStream.js', []],
  ['lenient validation', 'size/coreStream.js', [LENIENT]],
  ['retries and pagination (GET-only features)', 'size/coreStream.js', GET_ONLY],
  ['lenient validation, retries and pagination', 'size/coreStream.js', [LENIENT, ...GET_ONLY]],
  ['the reducer (done() without snapshots)', 'size/coreStream.js', ['state/reduceRun.ts']],
  ['every route but runs.stream (a runs-only client)', runsOnly, []],
  ['every route but runs.stream, and lenient validation', runsOnly, [LENIENT]],
]

/** Replaces each named module with one that exports its names as no-ops, and notes which it replaced. */
const stub = (modules, replaced) => ({
  name: 'stub',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const name = modules.find((module) => args.path.endsWith(`/${module}`))
      if (name === undefined) return undefined
      replaced.add(name)
      const names = readFileSync(args.path, 'utf8').matchAll(/export (?:async )?(?:function|const|let) (\w+)/g)
      return {
        contents: [...names].map(([, name]) => `export const ${name} = (...a) => a[0]`).join('\n'),
        loader: 'js',
      }
    })
  },
})

async function brotli(entry, modules) {
  const replaced = new Set()
  const here = fileURLToPath(new URL('.', import.meta.url))
  const input = entry.endsWith('.js')
    ? { entryPoints: [entry] }
    : { stdin: { contents: entry, resolveDir: here, loader: 'js' } }
  const result = await build({
    ...input,
    absWorkingDir: here,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    conditions: ['@skein/source'],
    logLevel: 'error',
    plugins: [stub(modules, replaced)],
  })
  // A module that was renamed or is no longer bundled would leave its row measuring nothing: say so instead.
  const missing = modules.filter((name) => !replaced.has(name))
  if (missing.length > 0) throw new Error(`size-options: not in the bundle any more: ${missing.join(', ')}`)
  return brotliCompressSync(result.outputFiles[0].contents).length
}

console.log('@skein/core streaming entry, brotli, with a part taken out (budget: 6.00 kB)')
for (const [label, entry, modules] of ROWS) {
  console.log(`${((await brotli(entry, modules)) / 1000).toFixed(2).padStart(6)} kB  ${label}`)
}
