/** Render counters for the scenario drivers: one for the chat component, one per message row. */
export function createRenderCounts() {
  let renders = 0
  const rows = new Map<string, number>()
  return {
    render(): void {
      renders += 1
    },
    row(id: string): void {
      rows.set(id, (rows.get(id) ?? 0) + 1)
    },
    renders: (): number => renders,
    rowRenders: (id: string): number => rows.get(id) ?? 0,
  }
}
