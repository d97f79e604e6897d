// Runs the shared adapter scenarios (test/adapters/scenarios.ts) against @skein/react.
import { messageText, type ThreadMessage } from '@skein/core'
import { render } from '@testing-library/react'
import { memo, Profiler, useState } from 'react'
import { beforeAll } from 'vitest'
import type { ChatCommands, ChatProps, ChatState, MountedChat } from '../../../test/adapters/driver.ts'
import { createRenderCounts } from '../../../test/adapters/renderCounts.ts'
import { defineScenarios } from '../../../test/adapters/scenarios.ts'
import { SkeinProvider } from './SkeinProvider.tsx'
import { useRun } from './useRun.ts'
import { useThread } from './useThread.ts'

type RenderCounts = ReturnType<typeof createRenderCounts>
interface Latest {
  state: ChatState
  commands: ChatCommands
}

beforeAll(() => {
  // The scenarios drive real HTTP and read the DOM as it settles (like an app), not inside act(): tell React so.
  Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', false)
})

// A memoized row: it renders again only when its message object changes.
const Row = memo(function Row({ message, counts }: { message: ThreadMessage; counts: RenderCounts }) {
  counts.row(message.id)
  return (
    <li data-id={message.id} data-role={message.role} data-local={message.local?.status ?? ''}>
      {messageText(message)}
    </li>
  )
})

function Chat({ chat, counts, report }: { chat: ChatProps; counts: RenderCounts; report: (latest: Latest) => void }) {
  // The app pattern the docs show: follow the thread a `null` store creates.
  const [threadId, setThreadId] = useState(chat.threadId)
  const thread = useThread(threadId, {
    assistantId: chat.assistantId,
    onThreadCreated: setThreadId,
    ...(chat.tools ? { tools: chat.tools } : {}),
    ...(chat.pageSize ? { pageSize: chat.pageSize } : {}),
  })
  const run = useRun(thread.threadId)
  report({ state: { ...thread, runStatus: run.status, toolCalls: run.toolCalls }, commands: thread })
  return (
    <section
      data-testid="chat"
      data-status={thread.status}
      data-run-status={run.status}
      data-thread-id={thread.threadId ?? ''}
    >
      <ol>
        {thread.messages.map((message) => (
          <Row key={message.id} message={message} counts={counts} />
        ))}
      </ol>
    </section>
  )
}

function mountReact(props: ChatProps): MountedChat {
  const counts = createRenderCounts()
  let latest: Latest | undefined
  const view = render(
    <Profiler id="chat" onRender={() => counts.render()}>
      <SkeinProvider client={props.client}>
        <Chat
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

defineScenarios({ name: 'react', mount: mountReact })
