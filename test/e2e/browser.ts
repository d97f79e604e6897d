// Chromium for the e2e tests: Debian's /usr/bin/chromium through playwright-core (which never downloads a browser),
// one browser per test file and a fresh context (cookies, localStorage) per test.
import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts'

/** Where Debian's chromium package puts the browser. */
export { CHROMIUM_PATH }

const ARGS = [...CHROMIUM_ARGS]

/**
 * Launches headless Chromium.
 *
 * @returns the browser
 * @throws Error with the install command when Chromium is missing
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium fonts-liberation`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true })
}

/** A page in a fresh context that records console errors and uncaught exceptions. */
export interface PageSession {
  page: Page
  context: BrowserContext
  /** Console errors and page errors so far, minus the allowed ones. */
  problems: () => string[]
  /** Allows console errors matching `pattern` (a test that provokes an HTTP failure on purpose). */
  allow: (pattern: RegExp) => void
  close: () => Promise<void>
}

/**
 * Opens `url` in a new context (its own cookie jar and localStorage, as a first visit).
 *
 * @param browser - from {@link launchChromium}
 * @param url - the page
 * @returns the session
 */
export async function openPage(browser: Browser, url: string): Promise<PageSession> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const seen: string[] = []
  const allowed: RegExp[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => {
    seen.push(`pageerror: ${error.message}`)
  })
  await page.goto(url)
  return {
    page,
    context,
    problems: () => seen.filter((line) => !allowed.some((pattern) => pattern.test(line))),
    allow: (pattern) => {
      allowed.push(pattern)
    },
    close: () => context.close(),
  }
}
