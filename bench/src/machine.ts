// The machine and versions a run was measured on, for the results.
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

/** Where and with what the numbers were taken. */
export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly memory: string
  readonly node: string
  readonly os: string
  readonly load: string
  readonly versions: Readonly<Record<string, string>>
}

function version(name: string): string {
  try {
    const path = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url))
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/**
 * Reads the machine facts (CPU model from /proc/cpuinfo where there is one).
 *
 * @returns the facts
 */
export function describeMachine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown'
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (model?.[1]) cpu = model[1].trim()
  } catch {
    // Not Linux: os.cpus() is as good.
  }
  return {
    cpu,
    cores: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${process.platform} ${release()}`,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    versions: Object.fromEntries(
      ['@skein/core', 'openai', 'react', 'react-dom', 'vue', 'happy-dom', 'size-limit', 'esbuild'].map((name) => [
        name,
        version(name),
      ]),
    ),
  }
}
