import type { Run, ThreadMessage } from '@skein/core'
import { memo, useMemo } from 'react'
import { authorLabel, authorOf } from '../shared/authors.ts'
import { withFootnotes } from '../shared/citations.ts'
import { isCachedReply, messageStatus } from '../shared/messageView.ts'
import { Markdown } from './Markdown.tsx'

/** One message: author, markdown body, footnotes, a cached badge, and Retry/Discard when it failed to send. */
export const MessageItem = memo(function MessageItem(props: {
  message: ThreadMessage
  run: Run | null
  onRetry: (id: string) => Promise<ThreadMessage>
  onDiscard: (id: string) => void
}) {
  const { message } = props
  const author = authorOf(message)
  const label = authorLabel(author)
  const status = messageStatus(message, props.run)
  const cited = useMemo(() => withFootnotes(message), [message])
  const custom = author.role !== 'user' && author.role !== 'assistant'
  const idPrefix = `fn-${message.id}`
  return (
    <article
      className={custom ? 'message custom' : 'message'}
      data-role={author.role}
      data-status={status}
      aria-label={`${label} said`}
    >
      <header>
        <span className="author">{label}</span>
        {isCachedReply(message, props.run) && <span className="badge">cached</span>}
        {status === 'sending' || status === 'queued' ? <span>{status}…</span> : null}
      </header>
      <div className="body">
        <Markdown source={cited.markdown} idPrefix={idPrefix} />
      </div>
      {cited.footnotes.length > 0 && (
        <ol className="footnotes" aria-label="Sources">
          {cited.footnotes.map((note) => (
            <li key={note.n} id={`${idPrefix}-${note.n}`}>
              {note.href === null ? note.label : <a href={note.href}>{note.label}</a>}
              {note.quote !== null && ` — “${note.quote}”`}
            </li>
          ))}
        </ol>
      )}
      {status === 'failed' && (
        <p className="failure">
          <span>Not sent: {message.local?.error?.message ?? 'unknown error'}</span>
          <button type="button" onClick={() => void props.onRetry(message.id)}>
            Retry
          </button>
          <button type="button" onClick={() => props.onDiscard(message.id)}>
            Discard
          </button>
        </p>
      )}
    </article>
  )
})
