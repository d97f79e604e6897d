import { describe, expect, it } from 'vitest'
import { CLI_USAGE, parseCliArgs } from './cliArgs.ts'

describe('parseCliArgs', () => {
  it('fills in the defaults', () => {
    expect(parseCliArgs([])).toEqual({
      port: 8787,
      host: '127.0.0.1',
      tokenDelayMs: 20,
      assistantId: 'asst_default',
      apiKey: undefined,
      help: false,
    })
  })

  it('reads --flag value and --flag=value', () => {
    expect(
      parseCliArgs(['--port', '0', '--host=0.0.0.0', '--token-delay-ms', '5', '--assistant=asst_x', '--api-key', 'k']),
    ).toEqual({ port: 0, host: '0.0.0.0', tokenDelayMs: 5, assistantId: 'asst_x', apiKey: 'k', help: false })
  })

  it('recognizes --help and -h', () => {
    expect(parseCliArgs(['--help']).help).toBe(true)
    expect(parseCliArgs(['-h']).help).toBe(true)
    expect(CLI_USAGE).toContain('--token-delay-ms')
  })

  it.each([
    [['--port', 'abc'], '--port expects an integer from 0 to 65535, got "abc".'],
    [['--port', '70000'], '--port expects an integer from 0 to 65535, got "70000".'],
    [['--port'], '--port needs a value.'],
    [['--token-delay-ms=-4'], '--token-delay-ms expects an integer from 0 to 60000, got "-4".'],
    [['--prot', '1'], 'Unknown option "--prot". Did you mean --port?'],
    [['serve'], 'Unknown option "serve".'],
  ])('rejects %j with a TypeError', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new TypeError(message))
  })
})
