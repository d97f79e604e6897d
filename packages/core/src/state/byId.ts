// Finding a message or step by id, and replacing or adding one without touching the others.
//
// Why a backward scan and not an id -> index Map: a delta almost always targets the newest message or step, so the
// scan ends at the first comparison; and replacing an element copies the (readonly) array anyway, so a lookup cannot
// beat O(items) per delta. Measured on 20k text deltas, keeping a Map in sync (a WeakMap keyed by each new array)
// cost a third of the reducer's time for no asymptotic gain.

interface WithId {
  readonly id: string
}

/**
 * The position of the item with `id` in `items`, or -1. Scans from the end, where deltas land.
 *
 * @param items - a snapshot array
 * @param id - the wire id to find
 * @returns its index, or -1 when absent
 */
export function positionOf(items: readonly WithId[], id: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.id === id) return i
  return -1
}

/**
 * A copy of `items` with `item` at `index`; every other element keeps its identity.
 *
 * @param items - a snapshot array
 * @param index - an existing position
 * @param item - the replacement (same id)
 * @returns the new array
 */
export function replaceAt<TItem extends WithId>(items: readonly TItem[], index: number, item: TItem): readonly TItem[] {
  const next = items.slice()
  next[index] = item
  return next
}

/**
 * A copy of `items` with `item` appended.
 *
 * @param items - a snapshot array
 * @param item - the new item
 * @returns the new array
 */
export function append<TItem extends WithId>(items: readonly TItem[], item: TItem): readonly TItem[] {
  const next = items.slice()
  next.push(item)
  return next
}
