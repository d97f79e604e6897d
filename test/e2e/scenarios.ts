// The playground's end-to-end scenarios, run once per page (react.test.ts, vue.test.ts) in real Chromium against the
// production build, the proxy and the emulator. Both pages share one DOM contract, so one suite drives either.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { EMULATOR_DEV_KEY } from '../../playground/server/playgroundEmulator.ts'
import { launchChromium, openPage, type PageSession } from './browser.ts'
import { type ChatPage, chatPage, recorded, startRecording, textOf } from './chatPage.ts'
import { addFault, listRuns } from './emulatorControl.ts'

/** Where screenshots go (gitignored): `<repo>/test-results/e2e`. */
export const ARTIFACTS_DIR: string = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url))

async function waitForCount(locator: Locator, count: number): Promise<void> {
  await expect.poll(() => locator.count(), { timeout: 10_000 }).toBe(count)
}

function completed(chat: ChatPage, role: string): Locator {
  return chat.log.locator(`article[data-role="${role}"][data-status="completed"]`)
}

/**
 * Defines the suite for one page.
 *
 * @param framework - which page: `/react/` or `/vue/`
 */
export function definePlaygroundSuite(framework: 'react' | 'vue'): void {
  const base = inject('playgroundURL')
  const emulatorURL = inject('emulatorURL')
  let browser: Browser | undefined
  let session: PageSession | undefined

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    const problems = session?.problems() ?? []
    await session?.close()
    session = undefined
    expect(problems, 'console errors and page errors').toEqual([])
  })

  async function open(): Promise<{ chat: ChatPage; session: PageSession }> {
    if (browser === undefined) throw new Error('Chromium did not start.')
    session = await openPage(browser, `${base}/${framework}/`)
    const chat = chatPage(session.page)
    await chat.input.waitFor()
    return { chat, session }
  }

  describe(`playground /${framework}/`, () => {
    it('streams a reply and renders it as markdown', async () => {
      const { chat, session } = await open()
      await startRecording(session.page, 'reply', 'article[data-role="assistant"]')
      await chat.send('Show me some markdown')
      const reply = chat.articles('assistant').first()
      await completed(chat, 'assistant').waitFor()
      // It streamed: several partial texts while `streaming` (not always growing: a closing `**` hides both markers),
      // then the whole reply.
      const states = await recorded(session.page, 'reply')
      const streaming = states.filter((state) => state.status === 'streaming').map((state) => state.text)
      expect(new Set(streaming).size).toBeGreaterThan(2)
      const final = (await reply.textContent()) ?? ''
      expect(streaming.some((text) => text.length < final.length / 2)).toBe(true)
      expect(await textOf(reply.locator('h4'))).toBe('Markdown sample')
      expect(await textOf(reply.locator('strong'))).toBe('bold')
      expect(await textOf(reply.locator('table td').first())).toBe('yarn')
      expect(await textOf(reply.locator('pre code'))).toContain("const greeting = 'héllo'")
      expect(await reply.locator('a').getAttribute('href')).toBe('https://example.com')
      await chat.waitForRun('completed')
      expect(await textOf(chat.status)).toMatch(/^Done · \d+ tokens$/)
      expect(await chat.articles('user').getAttribute('data-status')).toBe('completed')
    })

    it('renders HTML in messages as text, never as elements', async () => {
      const { chat, session } = await open()
      await chat.send('<img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> **bold**')
      await completed(chat, 'assistant').waitFor()
      expect(await chat.log.locator('img, script').count()).toBe(0)
      expect(await textOf(chat.articles('user'))).toContain('<img src=x onerror="window.__pwned=1">')
      expect(await textOf(chat.articles('assistant'))).toContain('<script>window.__pwned=2</script>')
      expect(await textOf(chat.articles('user').locator('strong'))).toBe('bold')
      expect(await session.page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined()
    })

    it('runs client-side tools: set_theme changes the page, get_weather shows a card, citations are footnotes', async () => {
      const { chat, session } = await open()
      const page = session.page
      expect(await page.locator('html').getAttribute('data-theme')).toBe('light')
      await chat.send('set_theme to dark')
      await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' })
      await chat.log.locator('section[data-tool="set_theme"][data-status="done"]').waitFor()
      await waitForCount(completed(chat, 'assistant'), 1)
      expect(await textOf(completed(chat, 'assistant'))).toContain('set_theme returned')

      await chat.send('Please search the files')
      await waitForCount(completed(chat, 'assistant'), 2)
      const cited = completed(chat, 'assistant').nth(1)
      expect(await textOf(cited.locator('sup a'))).toBe('[1]')
      expect(await textOf(cited.getByRole('list', { name: 'Sources' }))).toContain('file-SkeinEmulatorNotes0001')
      expect(await textOf(cited)).not.toContain('【')
      // The previous run's set_theme card is gone: cards belong to the current run.
      expect(await chat.log.locator('section[data-tool="set_theme"]').count()).toBe(0)

      await startRecording(page, 'status', '[role="status"]')
      await chat.send('get_weather in Oslo')
      const card = chat.log.locator('section[data-tool="get_weather"]')
      await chat.log.locator('section[data-tool="get_weather"][data-status="done"]').waitFor()
      expect(await textOf(card)).toContain('in Oslo')
      expect(await textOf(card)).toContain('{"location":"Oslo"}')
      await waitForCount(completed(chat, 'assistant'), 3)
      expect(await textOf(completed(chat, 'assistant').nth(2))).toContain('get_weather returned')
      await chat.waitForRun('completed')
      const progress = (await recorded(page, 'status')).map((state) => state.text.split(' · ')[0])
      expect(progress).toContain('Calling get_weather…')
      expect(progress.indexOf('Calling get_weather…')).toBeLessThan(progress.lastIndexOf('Done'))

      await mkdir(ARTIFACTS_DIR, { recursive: true })
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${framework}.png`), fullPage: true })
    })

    it('stops a streaming reply on the server, then sends again', async () => {
      const { chat } = await open()
      await chat.send('hello')
      await waitForCount(completed(chat, 'assistant'), 1)
      const threadId = await chat.threadId()
      await addFault(emulatorURL, { match: `POST /threads/${threadId}/runs`, kind: 'delay_tokens', ms: 40 })
      expect(await chat.stopButton.isDisabled()).toBe(true)
      await chat.send('[deltas:400]')
      await chat.log.locator('article[data-role="assistant"][data-status="streaming"]').waitFor()
      await chat.stopButton.click()
      await chat.waitForRun('cancelled')
      expect(await textOf(chat.status)).toContain('Stopped')
      const runs = await listRuns(emulatorURL, threadId)
      expect(runs[0]?.status).toBe('cancelled')
      const stopped = chat.articles('assistant').nth(1)
      expect(await stopped.getAttribute('data-status')).toBe('incomplete')
      expect((await textOf(stopped.locator('.body'))).split(' ').length).toBeLessThan(400)
      expect(await chat.stopButton.isDisabled()).toBe(true)

      await chat.send('after the stop')
      await waitForCount(chat.articles('assistant'), 3)
      const after = chat.articles('assistant').nth(2)
      await expect.poll(() => after.getAttribute('data-status')).toBe('completed')
      expect(await textOf(after)).toContain('after the stop')
      await chat.waitForRun('completed')
      expect((await listRuns(emulatorURL, threadId)).map((run) => run.status)).toEqual([
        'completed',
        'cancelled',
        'completed',
      ])
    })

    it('posts as the assistant without starting a run', async () => {
      const { chat, session } = await open()
      await session.page.getByLabel('Post as').selectOption('assistant')
      await chat.send('A reply I already had.')
      const posted = completed(chat, 'assistant')
      await posted.waitFor()
      expect(await textOf(posted.locator('.author'))).toBe('Assistant')
      expect(await textOf(posted.locator('.body'))).toBe('A reply I already had.')
      const threadId = await chat.threadId()
      expect(await listRuns(emulatorURL, threadId)).toEqual([])
      expect(await chat.status.getAttribute('data-status')).toBe('idle')
    })

    it('marks a failed send, and Retry sends it', async () => {
      const { chat, session } = await open()
      // The browser logs the injected 500 itself; that one line is expected.
      session.allow(/Failed to load resource: the server responded with a status of 500/)
      await chat.send('hello')
      await waitForCount(completed(chat, 'assistant'), 1)
      const threadId = await chat.threadId()
      await addFault(emulatorURL, {
        match: `POST /threads/${threadId}/messages`,
        kind: 'status',
        status: 500,
        message: 'Injected by the e2e test',
      })
      await chat.send('this one fails first')
      const failed = chat.log.locator('article[data-status="failed"]')
      await failed.waitFor()
      expect(await failed.getAttribute('data-role')).toBe('user')
      expect(await textOf(failed)).toContain('this one fails first')
      expect(await textOf(failed)).toContain('Injected by the e2e test')
      expect(await textOf(session.page.getByRole('alert'))).toContain('Injected by the e2e test')
      await failed.getByRole('button', { name: 'Retry' }).click()
      await waitForCount(completed(chat, 'assistant'), 2)
      expect(await failed.count()).toBe(0)
      expect(await textOf(completed(chat, 'user').nth(1))).toContain('this one fails first')
      expect(await textOf(completed(chat, 'assistant').nth(1))).toContain('this one fails first')
      expect(await session.page.getByRole('alert').count()).toBe(0)
    })

    it('restores the thread from the server after a reload', async () => {
      const { chat, session } = await open()
      await chat.send('remember me')
      await waitForCount(completed(chat, 'assistant'), 1)
      await session.page.getByLabel('Post as').selectOption('assistant')
      await chat.send('Posted as the assistant.')
      await waitForCount(completed(chat, 'assistant'), 2)
      const before = await chat.articles().allInnerTexts()
      await session.page.reload()
      await waitForCount(chat.articles(), 3)
      expect(await chat.articles().allInnerTexts()).toEqual(before)
      const threads = session.page.getByRole('navigation', { name: 'Threads' })
      expect(await textOf(threads.locator('button[aria-current="true"]'))).toBe('remember me')
    })

    it('loads older history when scrolled to the top', async () => {
      const { chat, session } = await open()
      await chat.send('the very first message')
      await waitForCount(completed(chat, 'assistant'), 1)
      const threadId = await chat.threadId()
      // Twenty more messages through the proxy, as this browser (same cookie): the page shows only the newest 12.
      for (let i = 1; i <= 20; i++) {
        const response = await session.page.request.post(`${base}/api/skein/threads/${threadId}/messages`, {
          data: { role: 'user', content: `note ${i}` },
        })
        expect(response.status()).toBe(200)
      }
      await session.page.reload()
      await waitForCount(chat.articles(), 12)
      expect(await textOf(chat.articles().first())).toContain('note 9')
      await chat.log.evaluate((element) => {
        element.scrollTop = 0
      })
      await waitForCount(chat.articles(), 22)
      expect(await textOf(chat.articles().first())).toContain('the very first message')
      expect(await textOf(chat.articles().last())).toContain('note 20')
    })

    it('opens a new thread with the few-shot starter (seed), then runs on it', async () => {
      const { chat, session } = await open()
      const starter = session.page.getByRole('button', { name: 'Few-shot starter' })
      await starter.click()
      expect(await starter.getAttribute('aria-pressed')).toBe('true')
      await waitForCount(session.page.getByRole('list', { name: 'Examples' }).locator('li'), 4)
      await chat.send('And now a real question')
      await waitForCount(completed(chat, 'assistant'), 3)
      const roles = await chat.articles().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role')))
      expect(roles).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant'])
      expect(await textOf(chat.articles().first())).toContain('Hi! Who are you?')
      expect(await textOf(completed(chat, 'assistant').nth(2))).toContain('And now a real question')
      const threadId = await chat.threadId()
      expect((await listRuns(emulatorURL, threadId)).length).toBe(1)
    })

    it('posts as a custom named author, decoded back after a reload', async () => {
      const { chat, session } = await open()
      const page = session.page
      await page.getByLabel('Post as').selectOption('custom')
      await page.getByRole('textbox', { name: 'Role' }).fill('critic')
      await page.getByRole('textbox', { name: 'Name' }).fill('Ada')
      await chat.send('Too long; cut the intro.')
      const posted = chat.log.locator('article[data-role="critic"][data-status="completed"]')
      await posted.waitFor()
      expect(await textOf(posted.locator('.author'))).toBe('Ada (critic)')
      expect(await textOf(posted.locator('.body'))).toBe('Too long; cut the intro.')
      const threadId = await chat.threadId()
      expect(await listRuns(emulatorURL, threadId)).toEqual([])
      // On the wire it is a labelled user message; every read decodes it back.
      const wire = await fetch(`${emulatorURL}/v1/threads/${threadId}/messages`, {
        headers: { authorization: `Bearer ${EMULATOR_DEV_KEY}` },
      })
      const [raw] = ((await wire.json()) as { data: { role: string; content: { text: { value: string } }[] }[] }).data
      expect(raw?.role).toBe('user')
      expect(raw?.content[0]?.text.value).toBe('Ada (critic): Too long; cut the intro.')
      await page.reload()
      await waitForCount(chat.log.locator('article[data-role="critic"]'), 1)
      expect(await textOf(chat.log.locator('article[data-role="critic"] .author'))).toBe('Ada (critic)')

      // A malformed role never leaves the form; one the codec refuses (its reserved metadata prefix) is reported.
      // Either way the text is kept and nothing is sent.
      await page.getByLabel('Post as').selectOption('custom')
      const role = page.getByRole('textbox', { name: 'Role' })
      await role.fill('9 lives')
      await chat.send('not sent')
      expect(await role.evaluate((input) => (input as HTMLInputElement).validity.valid)).toBe(false)
      await role.fill('skein_bot')
      await chat.sendButton.click()
      expect(await textOf(page.getByRole('alert'))).toContain('reserved metadata prefix')
      expect(await chat.input.inputValue()).toBe('not sent')
      expect(await chat.articles().count()).toBe(1)
    })

    it('answers a repeated conversation from the response cache, with a badge and no run', async () => {
      const { chat, session } = await open()
      await chat.send('What is a skein, in one line?')
      await waitForCount(completed(chat, 'assistant'), 1)
      const live = await textOf(completed(chat, 'assistant').locator('.body'))
      const first = await chat.threadId()
      expect((await listRuns(emulatorURL, first)).length).toBe(1)
      await session.page
        .getByRole('navigation', { name: 'Threads' })
        .getByRole('button', { name: 'New thread' })
        .click()
      await waitForCount(chat.articles(), 0)
      await chat.send('What is a skein, in one line?')
      await waitForCount(completed(chat, 'assistant'), 1)
      const cached = completed(chat, 'assistant')
      expect(await textOf(cached.locator('.badge'))).toBe('cached')
      expect(await textOf(cached.locator('.body'))).toBe(live)
      await expect.poll(() => textOf(chat.status)).toContain('Done (cached)')
      const second = await chat.threadId()
      expect(second).not.toBe(first)
      expect(await listRuns(emulatorURL, second)).toEqual([])
    })

    it('keeps a thread list: new, switch and delete', async () => {
      const { chat, session } = await open()
      const threads = session.page.getByRole('navigation', { name: 'Threads' })
      await chat.send('first thread')
      await waitForCount(completed(chat, 'assistant'), 1)
      const first = await chat.threadId()
      await threads.getByRole('button', { name: 'New thread' }).click()
      await waitForCount(chat.articles(), 0)
      await chat.send('second thread')
      await waitForCount(completed(chat, 'assistant'), 1)
      expect(await chat.threadId()).not.toBe(first)
      await waitForCount(threads.locator('li'), 2)
      await threads.getByRole('button', { name: 'first thread', exact: true }).click()
      await expect.poll(() => textOf(chat.articles('user').first())).toContain('first thread')
      expect(await chat.threadId()).toBe(first)
      await threads.getByRole('button', { name: 'Delete second thread' }).click()
      await waitForCount(threads.locator('li'), 1)
      const stored = await session.page.evaluate(() => localStorage.getItem('skein.playground.threads'))
      expect(stored).not.toContain('second thread')
    })
  })
}
