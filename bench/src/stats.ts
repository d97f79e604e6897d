// Small numeric helpers shared by every benchmark.

/** The median of `values` (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * The first and third quartiles of `values` (nearest rank): the middle half of the values lies between them.
 *
 * @param values - the values, in any order
 * @returns `[q1, q3]`, NaN for none
 */
export function middleHalf(values: readonly number[]): readonly [number, number] {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.round(q * (sorted.length - 1))] ?? Number.NaN
  return [at(0.25), at(0.75)]
}

/** Collects garbage when the process runs with `--expose-gc` (run.mjs does), so one measurement's garbage is not the next one's pause. */
export function collectGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

/** Milliseconds with a sensible number of digits. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-'
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

/** A ratio such as `0.63x`. */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-'
}

/** Bytes as MB (10^6). */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`
}

/** Bytes as kB (10^3, as size-limit counts). */
export function kb(bytes: number): string {
  return `${(bytes / 1e3).toFixed(2)} kB`
}
