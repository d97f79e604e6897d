// What a consumer of the BUILT packages gets: declarations that resolve (tsc keeps `./x.ts` specifiers in `.d.ts`
// files, which TypeScript >= 5.0 resolves to `./x.d.ts` under every modern moduleResolution), a consumer that
// type-checks, and the emulator's CLI running from dist. publint and attw run separately (`pnpm check:packages`).
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterEach, describe, expect, it } from 'vitest'
import { PACKAGES } from './globalSetup.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

function declarationFiles(name: string): string[] {
  const dist = join(root, 'packages', name, 'dist')
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.d.ts'))
    .map((path) => join(dist, path))
}

const MODES = {
  node16: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
} as const

describe('packages/*/dist declarations', () => {
  for (const [mode, options] of Object.entries(MODES)) {
    it(`resolve every import under moduleResolution ${mode}: relative ones inside dist, @skein/* to dist`, () => {
      const failures: string[] = []
      let checked = 0
      for (const name of PACKAGES) {
        const dist = realpathSync(join(root, 'packages', name, 'dist'))
        for (const file of declarationFiles(name)) {
          const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
          for (const { fileName: specifier } of importedFiles) {
            checked += 1
            const resolved = ts.resolveModuleName(
              specifier,
              file,
              options,
              ts.sys,
              undefined,
              undefined,
              ts.ModuleKind.ESNext,
            ).resolvedModule?.resolvedFileName
            const target = resolved === undefined ? undefined : realpathSync(resolved)
            const where = `${file.slice(root.length)}: '${specifier}'`
            if (target === undefined) failures.push(`${where} does not resolve`)
            else if (specifier.startsWith('.') && !(target.startsWith(dist) && target.endsWith('.d.ts')))
              failures.push(`${where} -> ${target}`)
            else if (specifier.startsWith('@skein/') && !/\/packages\/[^/]+\/dist\/[^/]+\.d\.ts$/.test(target))
              failures.push(`${where} -> ${target} (not a built declaration)`)
          }
        }
      }
      expect(failures).toEqual([])
      expect(checked).toBeGreaterThan(100)
    })
  }
})

function tsc(project: string): Promise<{ code: number | null; output: string }> {
  const bin = join(root, 'node_modules/typescript/bin/tsc')
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, '-p', project], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
        output: stdout + stderr,
      })
    })
  })
}

describe('a consumer of the built packages (test/runtimes/consumer)', () => {
  it('type-checks under moduleResolution node16 and bundler, every misuse still an error', async () => {
    const results = await Promise.all(
      ['node16', 'bundler'].map((mode) => tsc(`test/runtimes/consumer/tsconfig.${mode}.json`)),
    )
    for (const { code, output } of results) {
      expect(output).toBe('')
      expect(code).toBe(0)
    }
  })
})

interface Started {
  child: ChildProcess
  url: string
}

const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

/** Starts the CLI and resolves with the first stdout line (the URL), or rejects with what it printed instead. */
function startCli(command: string, args: string[]): Promise<Started> {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n')
      if (line.length > 1) resolve({ child, url: line[0] as string })
    })
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing a URL:\n${stdout}\n${stderr}`)))
    child.on('error', reject)
  })
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.on('exit', (code) => resolve(code))
  })
}

describe('skein-emulator (the CLI from dist)', () => {
  it('`node packages/emulator/dist/cli.js --port 0` prints its URL, serves the API and stops on SIGTERM', async () => {
    const { child, url } = await startCli(process.execPath, ['packages/emulator/dist/cli.js', '--port', '0'])
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${url}/__emulator/health`)).status).toBe(200)
    const assistant = await (await fetch(`${url}/v1/assistants/asst_default`)).json()
    expect(assistant).toMatchObject({ id: 'asst_default', object: 'assistant' })
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
  })

  it('runs through the installed bin link, with the options of the README', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages/emulator/package.json'), 'utf8'))
    // A committed shim (not a path into dist/), so the link exists after a fresh `pnpm install`, before any build.
    expect(manifest.bin).toEqual({ 'skein-emulator': './bin/skein-emulator.js' })
    const shim = readFileSync(join(root, 'packages/emulator/bin/skein-emulator.js'), 'utf8')
    expect(shim).toMatch(/^#!\/usr\/bin\/env node\n/)
    expect(shim).toMatch(/import '\.\.\/dist\/cli\.js'/)
    const bin = join(root, 'test/node_modules/.bin/skein-emulator')
    const args = ['--port', '0', '--assistant', 'asst_cli', '--token-delay-ms', '1', '--api-key', 'k']
    const { child, url } = await startCli(bin, args)
    expect((await fetch(`${url}/v1/assistants/asst_cli`)).status).toBe(401)
    const authorized = await fetch(`${url}/v1/assistants/asst_cli`, { headers: { authorization: 'Bearer k' } })
    expect(await authorized.json()).toMatchObject({ id: 'asst_cli' })
    child.kill('SIGINT')
    expect(await exited(child)).toBe(0)
  })

  it('rejects a bad option with exit code 2 and the usage', async () => {
    const child = spawn(process.execPath, ['packages/emulator/dist/cli.js', '--port', 'nope'], { cwd: root })
    children.push(child)
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    expect(await exited(child)).toBe(2)
    expect(stderr).toMatch(/skein-emulator: .*port/i)
    expect(stderr).toMatch(/--port/)
  })
})
