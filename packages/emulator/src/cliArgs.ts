/** The parsed command line of `skein-emulator`. */
export interface CliOptions {
  port: number
  host: string
  tokenDelayMs: number
  /** The id of the assistant seeded at start (and after every reset). */
  assistantId: string
  /** When set, requests need `Authorization: Bearer <apiKey>`. */
  apiKey: string | undefined
  help: boolean
}

/** The CLI's help text. */
export const CLI_USAGE: string = `Usage: skein-emulator [options]

Serves a local Assistants v2-compatible API (routes at / and /v1) with a scripted model.

Options:
  --port <n>            TCP port, 0 for a free one (default 8787)
  --host <address>      interface to bind (default 127.0.0.1)
  --token-delay-ms <n>  delay before each streamed token (default 20)
  --assistant <id>      id of the assistant that always exists (default asst_default)
  --api-key <key>       require "Authorization: Bearer <key>" on API routes
  --help                show this help`

const FLAGS = ['--port', '--host', '--token-delay-ms', '--assistant', '--api-key', '--help']

/** Levenshtein distance, to suggest the flag a typo meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

function integer(flag: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new TypeError(`${flag} expects an integer from 0 to ${max}, got "${raw}".`)
  }
  return Number(raw)
}

/**
 * Parses `skein-emulator`'s arguments (`--flag value` or `--flag=value`).
 *
 * @param argv - the arguments after the program name
 * @returns the options, with defaults filled in
 *
 * @example
 * ```ts
 * parseCliArgs(['--port', '0', '--token-delay-ms=5']) // { port: 0, tokenDelayMs: 5, host: '127.0.0.1', ... }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 8787,
    host: '127.0.0.1',
    tokenDelayMs: 20,
    assistantId: 'asst_default',
    apiKey: undefined,
    help: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const eq = arg.indexOf('=')
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    if (flag === '--help' || flag === '-h') {
      options.help = true
      continue
    }
    if (!FLAGS.includes(flag)) {
      const guess = flag.startsWith('--') ? FLAGS.find((known) => distance(known, flag) <= 2) : undefined
      throw new TypeError(`Unknown option "${arg}".${guess ? ` Did you mean ${guess}?` : ''}`)
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined || value === '') throw new TypeError(`${flag} needs a value.`)
    if (flag === '--port') options.port = integer(flag, value, 65535)
    else if (flag === '--host') options.host = value
    else if (flag === '--token-delay-ms') options.tokenDelayMs = integer(flag, value, 60_000)
    else if (flag === '--assistant') options.assistantId = value
    else if (flag === '--api-key') options.apiKey = value
  }
  return options
}
