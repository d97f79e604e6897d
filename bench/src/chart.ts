// The throughput chart of RESULTS.md, written as plain SVG: one horizontal bar per target and transcript variant.

/** One bar. */
export interface Bar {
  readonly group: string
  readonly label: string
  /** Events per second. */
  readonly value: number
  readonly color: string
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Renders grouped horizontal bars.
 *
 * @param title - the heading
 * @param bars - bars in display order; consecutive bars with the same group share its heading
 * @returns an SVG document
 */
export function barChart(title: string, bars: readonly Bar[]): string {
  const width = 760
  const left = 150
  const right = 120
  const barHeight = 18
  const gap = 6
  const groupGap = 26
  const top = 44
  const max = Math.max(...bars.map((bar) => bar.value), 1)
  const scale = (value: number): number => ((width - left - right) * value) / max
  const parts: string[] = []
  let y = top
  let group: string | undefined
  for (const bar of bars) {
    if (bar.group !== group) {
      if (group !== undefined) y += groupGap - gap
      group = bar.group
      parts.push(`<text x="12" y="${y + 12}" class="group">${escapeXml(bar.group)}</text>`)
      y += 20
    }
    const length = Math.max(scale(bar.value), 1)
    const value = bar.value >= 1e6 ? `${(bar.value / 1e6).toFixed(2)} M ev/s` : `${(bar.value / 1e3).toFixed(0)} k ev/s`
    parts.push(
      `<text x="${left - 8}" y="${y + 13}" class="label" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${left}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" rx="2" fill="${bar.color}"/>`,
      `<text x="${(left + length + 6).toFixed(1)}" y="${y + 13}" class="value">${value}</text>`,
    )
    y += barHeight + gap
  }
  const height = y + 16
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    '<style>text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:12px;fill:#222}.title{font-size:15px;font-weight:600}.group{font-weight:600}.value{fill:#444}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="24" class="title">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}
