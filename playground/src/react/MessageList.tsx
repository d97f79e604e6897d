import type { Run, ThreadMessage } from '@skein/core'
import { Fragment, useLayoutEffect, useRef } from 'react'
import { starterPreview } from '../shared/fewShot.ts'
import { MessageItem } from './MessageItem.tsx'
import { ToolCards } from './ToolCards.tsx'

/**
 * The message log (`role="log"`): older history loads when scrolled to the top (keeping the view where it was), and
 * the view follows new messages while it is at the bottom. The run's tool cards sit just before its reply.
 */
export function MessageList(props: {
  threadId: string | null
  messages: readonly ThreadMessage[]
  run: Run | null
  hasMore: boolean
  loadingMore: boolean
  loading: boolean
  seeded: boolean
  onLoadMore: () => Promise<void>
  onRetry: (id: string) => Promise<ThreadMessage>
  onDiscard: (id: string) => void
  onToggleSeed: () => void
}) {
  const { messages, run } = props
  const log = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  const anchor = useRef<{ first: string | undefined; fromBottom: number } | null>(null)

  const loadOlder = (): void => {
    const element = log.current
    if (element === null || !props.hasMore || props.loadingMore) return
    anchor.current = { first: messages[0]?.id, fromBottom: element.scrollHeight - element.scrollTop }
    void props.onLoadMore()
  }
  const onScroll = (): void => {
    const element = log.current
    if (element === null) return
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48
    if (element.scrollTop < 48) loadOlder()
  }
  useLayoutEffect(() => {
    const element = log.current
    if (element === null) return
    const kept = anchor.current
    if (kept !== null && kept.first !== messages[0]?.id) {
      // Older messages were prepended: keep the same content under the reader's eyes.
      element.scrollTop = element.scrollHeight - kept.fromBottom
      anchor.current = null
    } else if (atBottom.current) element.scrollTop = element.scrollHeight
  }, [messages])

  const runId = run?.id
  const cardsAt = runId === undefined ? -1 : messages.findIndex((m) => m.run_id === runId)
  const cards = runId === undefined ? null : <ToolCards threadId={props.threadId} />
  return (
    <div className="log" role="log" aria-label="Messages" aria-busy={props.loading} ref={log} onScroll={onScroll}>
      {props.hasMore && (
        <button type="button" className="older" onClick={loadOlder} disabled={props.loadingMore}>
          {props.loadingMore ? 'Loading older messages…' : 'Load older messages'}
        </button>
      )}
      {messages.length === 0 && !props.loading && props.threadId === null && (
        <div className="empty">
          <p>No messages yet. Say hello, or open the thread with worked examples:</p>
          <button type="button" aria-pressed={props.seeded} onClick={props.onToggleSeed}>
            Few-shot starter
          </button>
          {props.seeded && (
            <ol className="examples" aria-label="Examples">
              {starterPreview().map((line) => (
                <li key={`${line.role}:${line.text}`} data-role={line.role}>
                  {line.text}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      {messages.map((message, index) => (
        <Fragment key={message.local?.tempId ?? message.id}>
          {index === cardsAt && cards}
          <MessageItem message={message} run={run} onRetry={props.onRetry} onDiscard={props.onDiscard} />
        </Fragment>
      ))}
      {cardsAt === -1 && cards}
    </div>
  )
}
