/** Debian's Chromium (installed by scripts/ensure-system-deps.sh); Playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Flags for a root, offline machine: no sandbox, no GPU, and no background traffic to hosts it cannot reach. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
