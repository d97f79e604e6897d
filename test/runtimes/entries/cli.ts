// The scenario as a command, for Node, Bun and Deno: `<runtime> cli.mjs <baseURL>` prints one JSON line
// ({@link CliOutput}). Node and Bun run it with `@skein/core` left external, so their own resolution of the built
// package's `exports` is what is tested; Deno runs a full bundle.
import { createClient } from '@skein/core'
import { runScenario, type ScenarioResult } from '../scenario.ts'

/** The printed line: the scenario's result and where `@skein/core` was loaded from (when the runtime can tell). */
export interface CliOutput {
  result: ScenarioResult
  resolved: string | null
}

interface ArgGlobals {
  Deno?: { args: string[] }
  process?: { argv: string[] }
}

function resolveCore(): string | null {
  try {
    return String(import.meta.resolve('@skein/core'))
  } catch {
    // Bundled (Deno): there is no bare specifier left to resolve.
    return null
  }
}

const g = globalThis as ArgGlobals
const baseURL = g.Deno?.args[0] ?? g.process?.argv[2]
if (!baseURL) throw new TypeError('usage: <runtime> cli.mjs <baseURL>')
const output: CliOutput = { result: await runScenario(createClient, baseURL), resolved: resolveCore() }
console.log(JSON.stringify(output))
