// Render-load benchmark: React and Vue chats on `useThread`, each in its own process with happy-dom preloaded and
// production builds (React's profiling build, so the Profiler reports commits).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { MismatchError } from './decode.ts'

/** What one framework did while a reply streamed. */
export interface RenderResult {
  readonly framework: 'react' | 'vue'
  readonly deltas: number
  /** From the first render with streamed text to the render of the finished reply. */
  readonly streamMs: number
  /** From the first to the last render of the reply while it was streaming. */
  readonly windowMs: number
  readonly deltaRate: number
  /** Commits while the reply was streaming. */
  readonly streamingCommits: number
  /** One commit per 32 ms of the streaming window (plus the first). */
  readonly allowedCommits: number
  readonly commitsPerSecond: number
  readonly minGapMs: number
  readonly medianGapMs: number
  /** Renders of rows whose message was already finished. */
  readonly finishedReRenders: number
  readonly reRendered: readonly string[]
  readonly textOk: boolean
}

/**
 * Streams `deltas` deltas into a React and a Vue chat.
 *
 * @param deltas - reply length in deltas (paced at 1,000/s)
 * @param progress - line logger
 * @returns one result per framework
 * @throws MismatchError when a chat does not end showing the server's text
 */
export function runRender(deltas: number, progress: (line: string) => void): RenderResult[] {
  const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))
  return (['react', 'vue'] as const).map((framework) => {
    const child = spawnSync(
      process.execPath,
      ['--import', here('./domGlobals.mjs'), here('./renderChild.mjs'), framework, String(deltas)],
      { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    )
    const line = child.stdout.trim().split('\n').at(-1) ?? ''
    if (child.status !== 0 || !line.startsWith('{')) {
      throw new Error(`render child for ${framework} failed (exit ${child.status}):\n${child.stderr.trim()}`)
    }
    const result = JSON.parse(line) as RenderResult
    if (!result.textOk) throw new MismatchError(`the ${framework} chat did not end showing the server's reply text`)
    progress(
      `render ${framework} ${deltas} deltas: ${result.streamingCommits} commits in ${result.windowMs.toFixed(0)} ms ` +
        `(allowed ${result.allowedCommits}), finished rows re-rendered ${result.finishedReRenders}`,
    )
    return result
  })
}
