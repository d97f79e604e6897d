// One memory measurement in a fresh process: read the transcript from a file (outside the V8 heap), collect, then let
// one target consume it in 16 KiB chunks and report the peak resident set size. Run by memory.ts, never directly.
import { readFileSync } from 'node:fs'
import { collectGarbage } from './stats.ts'
import { TARGETS } from './targets.ts'
import { bodyOf } from './transcript.ts'

const [name, bytesPath, textPath] = process.argv.slice(2)
const target = TARGETS.find((item) => item.name === name)
if (target === undefined || bytesPath === undefined || textPath === undefined) {
  console.error('usage: memoryChild.mjs <target> <transcript file> <expected text file>')
  process.exit(2)
}
const bytes = new Uint8Array(readFileSync(bytesPath))
const expected = readFileSync(textPath, 'utf8')
collectGarbage()
const before = process.memoryUsage().rss
const outcome = await target.consume(bodyOf(bytes, 16 * 1024))
// ru_maxrss is in kilobytes on Linux.
const peak = process.resourceUsage().maxRSS * 1024
console.log(JSON.stringify({ target: target.name, before, peak, ok: outcome.text === expected }))
