// Memory benchmark: peak RSS while each target consumes the same transcript, each in its own process (a process's
// peak cannot be reset, and one target's heap must not inflate the next one's).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MismatchError } from './decode.ts'
import { median } from './stats.ts'
import { TARGETS, type TargetName } from './targets.ts'
import { generateTranscript } from './transcript.ts'

/** Peak RSS of one target. */
export interface MemoryResult {
  readonly target: TargetName
  readonly deltas: number
  /** Median peak RSS over the runs, in bytes. */
  readonly peak: number
  /** Median RSS just before consuming (transcript loaded, heap collected), in bytes. */
  readonly before: number
}

interface ChildReport {
  target: TargetName
  before: number
  peak: number
  ok: boolean
}

/**
 * Measures every target's peak RSS on the text transcript of `deltas` deltas.
 *
 * @param deltas - transcript size
 * @param runs - processes per target (the median is kept)
 * @param progress - line logger
 * @returns one result per target
 * @throws MismatchError when a child ends with the wrong text
 */
export function runMemory(deltas: number, runs: number, progress: (line: string) => void): MemoryResult[] {
  const transcript = generateTranscript('text', deltas)
  const dir = mkdtempSync(join(tmpdir(), 'skein-bench-'))
  const bytesPath = join(dir, 'transcript.sse')
  const textPath = join(dir, 'expected.txt')
  writeFileSync(bytesPath, transcript.bytes)
  writeFileSync(textPath, transcript.text)
  const child = fileURLToPath(new URL('./memoryChild.mjs', import.meta.url))
  try {
    const reports = new Map<TargetName, ChildReport[]>(TARGETS.map((target) => [target.name, []]))
    for (let run = 0; run < runs; run++) {
      for (const target of TARGETS) {
        const result = spawnSync(process.execPath, ['--expose-gc', child, target.name, bytesPath, textPath], {
          encoding: 'utf8',
        })
        const line = result.stdout.trim().split('\n').at(-1) ?? ''
        if (result.status !== 0 || !line.startsWith('{')) {
          throw new Error(`memory child for ${target.name} failed (exit ${result.status}): ${result.stderr.trim()}`)
        }
        const report = JSON.parse(line) as ChildReport
        if (!report.ok) throw new MismatchError(`${target.name} ended with a different text in the memory run`)
        reports.get(target.name)!.push(report)
      }
    }
    const results = TARGETS.map((target) => {
      const list = reports.get(target.name)!
      return {
        target: target.name,
        deltas,
        peak: median(list.map((report) => report.peak)),
        before: median(list.map((report) => report.before)),
      }
    })
    progress(`memory ${deltas} deltas: ${results.map((r) => `${r.target} ${(r.peak / 1e6).toFixed(1)} MB`).join(', ')}`)
    return results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
