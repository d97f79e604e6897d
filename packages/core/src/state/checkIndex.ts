import { AssistantsError } from '../errors.ts'

/**
 * Whether a delta's `index` may place a part in an array of `length`: an integer from 0 to `length` (appending is
 * allowed, leaving a hole is not). The hot path of every delta, so it allocates nothing; callers build the error (and
 * its path) only when it fails, with {@link checkIndex}.
 *
 * @param index - the index from the wire
 * @param length - the current length of the target array
 * @returns true when the index is safe to use
 */
export function fitsIndex(index: unknown, length: number): index is number {
  return typeof index === 'number' && index >= 0 && index <= length && Number.isInteger(index)
}

/**
 * Checks a delta's `index` before it is used to place a part (see {@link fitsIndex}). A hostile `index: 1e9` fails
 * here instead of allocating a sparse array.
 *
 * @param index - the index from the wire
 * @param length - the current length of the target array
 * @param event - the event name, for the message
 * @param path - where the index sits in the payload, e.g. `delta.content[0].index`
 * @returns the index, now known to be safe
 * @throws AssistantsError `invalid_event`
 */
export function checkIndex(index: unknown, length: number, event: string, path: string): number {
  if (fitsIndex(index, length)) return index
  throw invalidDelta(
    event,
    path,
    `index ${typeof index === 'number' ? String(index) : JSON.stringify(index)} is out of bounds (expected an integer from 0 to ${length})`,
  )
}

/**
 * The error for a delta the reducer cannot apply.
 *
 * @param event - the event name
 * @param path - where in the payload, e.g. `delta.content[0].type`
 * @param problem - what is wrong
 * @returns an `invalid_event` {@link AssistantsError}
 */
export function invalidDelta(event: string, path: string, problem: string): AssistantsError {
  return new AssistantsError('invalid_event', `${event}: ${path}: ${problem}`, { event })
}
