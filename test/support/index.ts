// Shared test helpers: the recorded fixtures and deterministic chunkers. Test-only; never imported by package source.

export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts'
export { chunkAtRandom, chunkBytes, SEED, seededRandom, streamOf } from './chunks.ts'
export { fixturesDir, hasFixtures, listFixtures, readFixture, readFixtureBytes } from './fixtures.ts'
export { fakeEnvironment } from './liveEnvironment.ts'
export { thrownAssistantsError } from './thrown.ts'
export { wireRun } from './wireObjects.ts'
