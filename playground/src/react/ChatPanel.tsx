import { isRunActive, type ResponseCache } from '@skein/core'
import { useThread } from '@skein/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { type PostAs, sendOptionsFor } from '../shared/authors.ts'
import { PAGE_SIZE, type PlaygroundConfig } from '../shared/config.ts'
import { starterSeed } from '../shared/fewShot.ts'
import { createPlaygroundTools, type Theme } from '../shared/tools.ts'
import { MessageComposer } from './MessageComposer.tsx'
import { MessageList } from './MessageList.tsx'
import { RunStatus } from './RunStatus.tsx'

/** The open thread: messages, run status, errors and the composer. `threadId` null is a new thread. */
export function ChatPanel(props: {
  threadId: string | null
  config: PlaygroundConfig
  cache: ResponseCache
  onThreadCreated: (id: string, title: string) => void
  onTheme: (theme: Theme) => void
}) {
  const { config, onTheme } = props
  // The title of a new thread: its first message, known before the thread id is.
  const title = useRef('')
  // Whether a new thread opens with the few-shot examples (the store's `seed`, used when it creates the thread).
  const [seeded, setSeeded] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (props.threadId !== null) setSeeded(false)
  }, [props.threadId])
  const tools = useMemo(() => createPlaygroundTools(onTheme), [onTheme])
  const seed = useMemo(() => starterSeed(), [])
  const thread = useThread(props.threadId, {
    assistantId: config.assistantId,
    runOptions: config.runOptions,
    tools,
    cache: props.cache,
    pageSize: PAGE_SIZE,
    ...(seeded && props.threadId === null ? { seed } : {}),
    onThreadCreated: (id) => {
      props.onThreadCreated(id, title.current)
      title.current = ''
    },
  })
  const send = (text: string, postAs: PostAs): boolean => {
    try {
      // A bad custom role or name throws before anything is shown or sent.
      void thread.send(text, sendOptionsFor(postAs))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
      return false
    }
    setProblem(null)
    if (thread.threadId === null && title.current === '') title.current = text
    return true
  }
  const error = problem ?? thread.error?.message
  return (
    <main className="chat">
      <MessageList
        threadId={props.threadId}
        messages={thread.messages}
        run={thread.run}
        hasMore={thread.hasMore}
        loadingMore={thread.loadingMore}
        loading={thread.status === 'loading'}
        seeded={seeded}
        onLoadMore={thread.loadMore}
        onRetry={thread.retry}
        onDiscard={thread.discard}
        onToggleSeed={() => setSeeded(!seeded)}
      />
      {/* The app's id, not `thread.threadId`: a seeded thread publishes its id before the store registry files it
          under that id, and a useRun on it then would get a second store (reported with issue 7). */}
      <RunStatus threadId={props.threadId} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <MessageComposer active={isRunActive(thread.status)} onSend={send} onStop={() => void thread.cancel()} />
    </main>
  )
}
