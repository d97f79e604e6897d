import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where the recorded streams live: `../shared/fixtures/streams` beside the repository. Never copied into the repo. */
export const fixturesDir: string = fileURLToPath(new URL('../../../shared/fixtures/streams/', import.meta.url))

/** Whether the shared fixtures are present (always in CI). */
export const hasFixtures: boolean = existsSync(fixturesDir)

/** File names of the recorded streams, optionally filtered by extension (e.g. `.sse`). */
export function listFixtures(extension?: string): string[] {
  if (!hasFixtures) return []
  return readdirSync(fixturesDir)
    .filter((name) => name !== 'SOURCES.md' && (extension === undefined || name.endsWith(extension)))
    .sort()
}

/** A fixture's text, exactly as recorded. */
export function readFixture(name: string): string {
  return readFileSync(fixturesDir + name, 'utf8')
}

/** A fixture's bytes, exactly as recorded. */
export function readFixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturesDir + name))
}
