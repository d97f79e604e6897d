// The playground's chat, found the way a screen reader finds it: the "Messages" log, the "Message" textbox, the
// "Send"/"Stop" buttons and the run `status`. Both pages have the same contract, so one helper drives either.
import type { Locator, Page } from 'playwright-core'

/** The parts of a playground page a test uses. */
export interface ChatPage {
  page: Page
  log: Locator
  input: Locator
  sendButton: Locator
  stopButton: Locator
  status: Locator
  /** Message articles, optionally by `data-role`. */
  articles: (role?: string) => Locator
  /** Types `text` and presses Send. */
  send: (text: string) => Promise<void>
  /** Waits until the run status is `status` (its `data-status`). */
  waitForRun: (status: string) => Promise<void>
  /** The open thread's id (the thread list's current entry), once the first send has created it. */
  threadId: () => Promise<string>
}

/**
 * Wraps a playground page.
 *
 * @param page - a page showing /react or /vue
 * @returns the helper
 */
export function chatPage(page: Page): ChatPage {
  const log = page.getByRole('log', { name: 'Messages' })
  const input = page.getByRole('textbox', { name: 'Message', exact: true })
  const sendButton = page.getByRole('button', { name: 'Send', exact: true })
  const stopButton = page.getByRole('button', { name: 'Stop', exact: true })
  const status = page.getByRole('status')
  return {
    page,
    log,
    input,
    sendButton,
    stopButton,
    status,
    articles: (role) => log.locator(role === undefined ? 'article' : `article[data-role="${role}"]`),
    async send(text) {
      await input.fill(text)
      await sendButton.click()
    },
    async waitForRun(runStatus) {
      await page.locator(`[role="status"][data-status="${runStatus}"]`).waitFor()
    },
    async threadId() {
      const current = page.getByRole('navigation', { name: 'Threads' }).locator('button[aria-current="true"]')
      await current.waitFor()
      const id = await current.getAttribute('title')
      if (id === null || !id.startsWith('thread_')) throw new Error(`No thread id on the current entry: ${id}`)
      return id
    },
  }
}

/**
 * The text of an element as a user reads it (layout-aware, like the DOM's `innerText`).
 *
 * @param locator - the element
 * @returns its rendered text
 */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property: rendered text is what the tests check.
  return locator.innerText()
}

/** One state an element went through. */
export interface RecordedState {
  status: string | null
  text: string
}

/**
 * Records, inside the page, every state (its `data-status` and text) the first element matching `selector` goes
 * through, from now on. Recording in the page catches short-lived states however busy the test machine is.
 *
 * @param page - the page
 * @param name - a name for the recording
 * @param selector - a CSS selector
 */
export async function startRecording(page: Page, name: string, selector: string): Promise<void> {
  await page.evaluate(
    ([key, css]) => {
      const seen: { status: string | null; text: string }[] = []
      Reflect.set(window, key, seen)
      const note = (): void => {
        const element = document.querySelector(css)
        if (element === null) return
        const state = { status: element.getAttribute('data-status'), text: element.textContent ?? '' }
        const last = seen.at(-1)
        if (last === undefined || last.status !== state.status || last.text !== state.text) seen.push(state)
      }
      note()
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      })
    },
    [`__record_${name}`, selector] as const,
  )
}

/**
 * @param page - the page
 * @param name - the recording's name
 * @returns the states recorded so far, in order
 */
export function recorded(page: Page, name: string): Promise<RecordedState[]> {
  return page.evaluate((key) => Reflect.get(window, key) as RecordedState[], `__record_${name}`)
}
