// Issue 5 through the hooks, once per adapter: posting as the assistant (no run), as a custom named author (rendered
// with its role and name, the content without the author label), and a response-cache hit rendered like a live reply.
// The backend is a file-owned @skein/emulator over real HTTP on 127.0.0.1 (authoredSuite.ts); its stats prove what
// happened upstream, and the chat's DOM (driver.ts, "authored chat") is what the assertions read.
import { createClient, createResponseCache, messageText } from '@skein/core'
import { describe, expect, it } from 'vitest'
import { POST_MESSAGES, POST_RUNS, useAuthoredSuite } from './authoredSuite.ts'
import { type AuthoredAdapterDriver, type AuthoredRow, authoredRows, chatAttribute, until } from './driver.ts'

/**
 * Registers the roles and response-cache scenarios for one adapter.
 *
 * @param driver - mounts the adapter's authored chat
 */
export function defineRolesScenarios(driver: AuthoredAdapterDriver): void {
  describe(`${driver.name} adapter: roles and the response cache (issue 5)`, () => {
    const suite = useAuthoredSuite(driver)

    it('posts as the assistant without a run, showing the row optimistically, and renders the assistant as author', async () => {
      const thread = await suite.client().threads.create()
      const chat = suite.mount({ threadId: thread.id })
      await until(() => expect(chat.state().status).toBe('idle'))
      // Slow the POST down so the optimistic row can be seen before the server answers.
      suite.emulator().addFault({ match: 'POST /threads/*/messages', kind: 'delay', ms: 300 })
      const sent = chat.commands().send('A reply I already had.', { role: 'assistant' })
      await until(() =>
        expect(authoredRows(chat.container)).toMatchObject([
          { role: 'assistant', authorRole: 'assistant', local: 'sending', text: 'A reply I already had.' },
        ]),
      )
      const message = await sent
      expect(message.id).toMatch(/^msg_/)
      const inserted = await chat.commands().insert({ role: 'assistant', content: 'And here is the rest of it.' })

      const expected: AuthoredRow[] = [
        {
          id: message.id,
          role: 'assistant',
          local: '',
          authorRole: 'assistant',
          authorName: '',
          author: 'assistant',
          text: 'A reply I already had.',
          cached: '',
        },
        {
          id: inserted.id,
          role: 'assistant',
          local: '',
          authorRole: 'assistant',
          authorName: '',
          author: 'assistant',
          text: 'And here is the rest of it.',
          cached: '',
        },
      ]
      await until(() => expect(authoredRows(chat.container)).toEqual(expected))
      // Both went out as plain messages: two POSTs, no run upstream, and the thread never left `idle`.
      const stats = suite.stats()
      expect(stats.requests[POST_MESSAGES]).toBe(2)
      expect(stats.requests[POST_RUNS] ?? 0).toBe(0)
      expect(stats.runsCreated).toBe(0)
      expect(chatAttribute(chat.container, 'status')).toBe('idle')
      expect(chat.state().error).toBeNull()
      // Native assistant messages go on the wire as given: no author metadata, no label.
      const wire = await suite.wireMessages(thread.id)
      expect(wire.map((m) => [m.role, messageText(m), m.metadata ?? {}])).toEqual([
        ['assistant', 'A reply I already had.', {}],
        ['assistant', 'And here is the rest of it.', {}],
      ])
    })

    it('renders a custom named author with its role and name and the content without the label, also after a reload', async () => {
      const chat = suite.mount()
      const ada = await chat.commands().send('Tighten the second paragraph.', { role: 'critic', name: 'Ada' })
      const note = await chat.commands().send('Ticket #42 is resolved.', { role: 'operator' })
      const threadId = chat.state().threadId
      if (threadId === null) throw new Error('The first send did not create a thread.')

      const expected: AuthoredRow[] = [
        {
          id: ada.id,
          role: 'user',
          local: '',
          authorRole: 'critic',
          authorName: 'Ada',
          author: 'Ada (critic)',
          text: 'Tighten the second paragraph.',
          cached: '',
        },
        {
          id: note.id,
          role: 'user',
          local: '',
          authorRole: 'operator',
          authorName: '',
          author: 'operator',
          text: 'Ticket #42 is resolved.',
          cached: '',
        },
      ]
      await until(() => expect(authoredRows(chat.container)).toEqual(expected))
      // A custom author posts without a run by default.
      expect(suite.stats().runsCreated).toBe(0)
      expect(chatAttribute(chat.container, 'status')).toBe('idle')

      // On the wire: the mapped role, the reserved metadata and the label the model reads.
      const wire = await suite.wireMessages(threadId)
      expect(wire.map((m) => [m.role, messageText(m), m.metadata])).toEqual([
        ['user', 'Ada (critic): Tighten the second paragraph.', { skein_role: 'critic', skein_name: 'Ada' }],
        ['user', 'operator: Ticket #42 is resolved.', { skein_role: 'operator' }],
      ])

      // A reload (another client, so a store of its own) decodes the same authors from the history.
      const reloaded = suite.mount({
        client: createClient({ baseURL: `${suite.url()}/v1`, apiKey: 'test' }),
        threadId,
      })
      await until(() => expect(authoredRows(reloaded.container)).toEqual(expected))
    })

    it('answers the same conversation in a second thread from the cache: no upstream run, rendered like the live reply', async () => {
      const cache = createResponseCache()
      const first = suite.mount({ cache })
      await first.commands().send('What is the answer?')
      await suite.settled(first)
      const live = authoredRows(first.container)
      expect(live.map((row) => [row.authorRole, row.cached])).toEqual([
        ['user', ''],
        ['assistant', ''],
      ])
      expect(chatAttribute(first.container, 'cached')).toBe('')
      expect(suite.stats().runsCreated).toBe(1)

      const second = suite.mount({ cache })
      await second.commands().send('What is the answer?')
      await suite.settled(second)
      expect(second.state().threadId).not.toBe(first.state().threadId)
      // No second run upstream: the reply was posted from the cache.
      const stats = suite.stats()
      expect(stats.runsCreated).toBe(1)
      expect(stats.requests[POST_RUNS]).toBe(1)

      const cached = authoredRows(second.container)
      // Rendered exactly like the live reply (roles, authors, text, no local state) ...
      const shape = ({ role, local, authorRole, authorName, author, text }: AuthoredRow) => ({
        role,
        local,
        authorRole,
        authorName,
        author,
        text,
      })
      expect(cached.map(shape)).toEqual(live.map(shape))
      expect(cached[1]?.text.length).toBeGreaterThan(0)
      // ... plus the cached marker: on the run (`run.cached`) and on the posted reply (`skein_cached: '1'`).
      expect(cached.map((row) => row.cached)).toEqual(['', 'true'])
      expect(chatAttribute(second.container, 'cached')).toBe('true')
      expect(chatAttribute(second.container, 'runStatus')).toBe('completed')
      expect(chatAttribute(second.container, 'status')).toBe('completed')
      expect(second.state().error).toBeNull()
      // The cached reply is on the server, in the second thread, right after the question.
      const server = await suite.serverRows(second.state().threadId ?? '')
      expect(server.map(({ id, role, text }) => ({ id, role, text }))).toEqual(
        cached.map(({ id, role, text }) => ({ id, role, text })),
      )
    })
  })
}
