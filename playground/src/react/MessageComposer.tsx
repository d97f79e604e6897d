import { type FormEvent, type KeyboardEvent, useState } from 'react'
import { CUSTOM_ROLE_PATTERN, type PostAs, type PostAsKind } from '../shared/authors.ts'

/**
 * The composer: "post as" (user, assistant, or a custom author), the message box, Send and Stop. Enter sends,
 * Shift+Enter breaks the line. `onSend` returns false when the message was refused (the text is kept).
 */
export function MessageComposer(props: {
  active: boolean
  onSend: (text: string, postAs: PostAs) => boolean
  onStop: () => void
}) {
  const [text, setText] = useState('')
  const [postAs, setPostAs] = useState<PostAs>({ kind: 'user', role: 'critic', name: 'Ada' })
  const submit = (event?: FormEvent): void => {
    event?.preventDefault()
    const content = text.trim()
    if (content !== '' && props.onSend(content, postAs)) setText('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event)
  }
  return (
    <form className="composer" onSubmit={submit}>
      <div className="options">
        <label>
          Post as{' '}
          <select
            value={postAs.kind}
            onChange={(event) => setPostAs({ ...postAs, kind: event.target.value as PostAsKind })}
          >
            <option value="user">User</option>
            <option value="assistant">Assistant (no run)</option>
            <option value="custom">Custom author (no run)</option>
          </select>
        </label>
        {postAs.kind === 'custom' && (
          <>
            <label>
              Role{' '}
              <input
                value={postAs.role}
                pattern={CUSTOM_ROLE_PATTERN}
                required
                onChange={(event) => setPostAs({ ...postAs, role: event.target.value })}
              />
            </label>
            <label>
              Name{' '}
              <input value={postAs.name} onChange={(event) => setPostAs({ ...postAs, name: event.target.value })} />
            </label>
          </>
        )}
      </div>
      <textarea
        aria-label="Message"
        rows={2}
        placeholder="Try: markdown · get_weather in Oslo · set_theme to dark · search the files · [deltas:400]"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={text.trim() === ''}>
        Send
      </button>
      <button type="button" onClick={props.onStop} disabled={!props.active}>
        Stop
      </button>
    </form>
  )
}
