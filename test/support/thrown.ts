import type { AssistantsError } from '@skein/core'

/**
 * Runs `run` and returns the `AssistantsError` it throws synchronously. Anything else it throws is rethrown, and
 * returning normally fails the test. (Checked by name: test-support imports only types from `@skein/core`, because
 * some adapter tests mock that module.)
 *
 * @param run - the call expected to throw
 * @returns the error, for assertions on its code, message and details
 */
export function thrownAssistantsError(run: () => unknown): AssistantsError {
  try {
    run()
  } catch (error) {
    if (error instanceof Error && error.name === 'AssistantsError') return error as AssistantsError
    throw error
  }
  throw new Error('expected an AssistantsError')
}
