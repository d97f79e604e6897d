import type { ThreadListState } from '../shared/threadList.ts'

/** The sidebar: new thread, the saved threads (switch, delete). */
export function ThreadList(props: {
  state: ThreadListState
  onNew: () => void
  onSelect: (id: string) => void
  onDelete: (id: string) => void
}) {
  const { threads, currentId } = props.state
  return (
    <nav className="threads" aria-label="Threads">
      <button type="button" className="primary" onClick={props.onNew} aria-pressed={currentId === null}>
        New thread
      </button>
      <h2>Threads</h2>
      {threads.length === 0 ? (
        <p className="badge">No threads yet</p>
      ) : (
        <ul>
          {threads.map((thread) => (
            <li key={thread.id}>
              <button
                type="button"
                className="open"
                title={thread.id}
                aria-current={thread.id === currentId ? 'true' : undefined}
                onClick={() => props.onSelect(thread.id)}
              >
                {thread.title}
              </button>
              <button type="button" aria-label={`Delete ${thread.title}`} onClick={() => props.onDelete(thread.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}
