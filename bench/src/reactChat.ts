// The React chat of the render benchmark: `useThread` and one memoized row per message, inside a Profiler.
import { messageText, type ThreadMessage } from '@skein/core'
import { useThread } from '@skein/react'
import { createElement, memo, Profiler } from 'react'
// The profiling build: production React with Profiler callbacks (a plain production build never calls onRender).
import { createRoot } from 'react-dom/profiling'
import type { ChatSetup, MountChat, RenderProbe } from './renderProbe.ts'

const Row = memo(function Row({ message, probe }: { message: ThreadMessage; probe: RenderProbe }) {
  probe.row(message)
  return createElement('li', { 'data-id': message.id }, messageText(message))
})

function Chat({
  setup,
  probe,
  shown,
}: {
  setup: ChatSetup
  probe: RenderProbe
  shown: { messages: readonly ThreadMessage[] }
}) {
  const { messages } = useThread(setup.threadId, { client: setup.client, assistantId: setup.assistantId })
  shown.messages = messages
  return createElement(
    'ul',
    null,
    messages.map((message) => createElement(Row, { key: message.id, message, probe })),
  )
}

/** Mounts the React chat; one probe commit per React commit of the chat subtree. */
export const mountReactChat: MountChat = (container, setup, probe) => {
  const root = createRoot(container)
  const shown: { messages: readonly ThreadMessage[] } = { messages: [] }
  root.render(
    createElement(
      Profiler,
      { id: 'chat', onRender: () => probe.commit(shown.messages) },
      createElement(Chat, { setup, probe, shown }),
    ),
  )
  return () => root.unmount()
}
