// Runs the roles + response-cache scenarios (issue 5) and the live-thread scenarios (issue 9) against @skein/react,
// through a chat that renders each message's decoded author (the authored DOM of test/adapters/driver.ts).
import { isCachedMessage, messageText, type ThreadMessage } from '@skein/core'
import { render } from '@testing-library/react'
import { memo, Profiler, useState } from 'react'
import { beforeAll } from 'vitest'
import {
  type AuthoredChatCommands,
  type AuthoredChatProps,
  authorLabel,
  type ChatState,
  type MountedAuthoredChat,
} from '../../../test/adapters/driver.ts'
import { defineLiveScenarios } from '../../../test/adapters/liveScenarios.ts'
import { createRenderCounts } from '../../../test/adapters/renderCounts.ts'
import { defineRolesScenarios } from '../../../test/adapters/rolesScenarios.ts'
import { SkeinProvider } from './SkeinProvider.tsx'
import { useRun } from './useRun.ts'
import { useThread } from './useThread.ts'

type RenderCounts = ReturnType<typeof createRenderCounts>
interface Latest {
  state: ChatState
  commands: AuthoredChatCommands
}

beforeAll(() => {
  // The scenarios drive real HTTP and read the DOM as it settles (like an app), not inside act(): tell React so.
  Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', false)
})

const AuthoredRow = memo(function AuthoredRow({ message, counts }: { message: ThreadMessage; counts: RenderCounts }) {
  counts.row(message.id)
  return (
    <li
      data-id={message.id}
      data-role={message.role}
      data-local={message.local?.status ?? ''}
      data-author-role={message.author.role}
      data-author-name={message.author.name ?? ''}
      data-cached={isCachedMessage(message) ? 'true' : ''}
    >
      <strong data-part="author">{authorLabel(message.author)}</strong>{' '}
      <span data-part="text">{messageText(message)}</span>
    </li>
  )
})

function AuthoredChat({
  chat,
  counts,
  report,
}: {
  chat: AuthoredChatProps
  counts: RenderCounts
  report: (latest: Latest) => void
}) {
  const [threadId, setThreadId] = useState(chat.threadId)
  const thread = useThread(threadId, {
    assistantId: chat.assistantId,
    onThreadCreated: setThreadId,
    ...(chat.tools ? { tools: chat.tools } : {}),
    ...(chat.pageSize ? { pageSize: chat.pageSize } : {}),
    ...(chat.cache ? { cache: chat.cache } : {}),
    ...(chat.live ? { live: chat.live } : {}),
    ...(chat.onMessage ? { onMessage: chat.onMessage } : {}),
  })
  const run = useRun(thread.threadId)
  report({ state: { ...thread, runStatus: run.status, toolCalls: run.toolCalls }, commands: thread })
  return (
    <section
      data-testid="chat"
      data-status={thread.status}
      data-run-status={run.status}
      data-thread-id={thread.threadId ?? ''}
      data-cached={thread.run?.['cached'] === true ? 'true' : ''}
    >
      <ol>
        {thread.messages.map((message) => (
          <AuthoredRow key={message.id} message={message} counts={counts} />
        ))}
      </ol>
    </section>
  )
}

function mountReact(props: AuthoredChatProps): MountedAuthoredChat {
  const counts = createRenderCounts()
  let latest: Latest | undefined
  const view = render(
    <Profiler id="chat" onRender={() => counts.render()}>
      <SkeinProvider client={props.client}>
        <AuthoredChat
          chat={props}
          counts={counts}
          report={(next) => {
            latest = next
          }}
        />
      </SkeinProvider>
    </Profiler>,
  )
  const current = (): Latest => {
    if (latest === undefined) throw new Error('The chat has not rendered.')
    return latest
  }
  return {
    container: view.container,
    state: () => current().state,
    commands: () => current().commands,
    renders: counts.renders,
    rowRenders: counts.rowRenders,
    unmount: view.unmount,
  }
}

defineRolesScenarios({ name: 'react', mount: mountReact })
defineLiveScenarios({ name: 'react', mount: mountReact })
