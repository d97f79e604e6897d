import type { ResponseCache } from '@skein/core'
import { useClient } from '@skein/react'
import { useCallback, useSyncExternalStore } from 'react'
import type { PlaygroundConfig } from '../shared/config.ts'
import type { ThemeStore } from '../shared/theme.ts'
import type { ThreadList as ThreadListStore } from '../shared/threadList.ts'
import { ChatPanel } from './ChatPanel.tsx'
import { ThreadList } from './ThreadList.tsx'
import { TopBar } from './TopBar.tsx'

/** The page: header, thread list and the chat of the open thread. */
export function App({
  config,
  threads,
  theme,
  cache,
}: {
  config: PlaygroundConfig
  threads: ThreadListStore
  theme: ThemeStore
  cache: ResponseCache
}) {
  const client = useClient()
  const list = useSyncExternalStore(threads.subscribe, threads.getSnapshot)
  const currentTheme = useSyncExternalStore(theme.subscribe, theme.getSnapshot)
  const remove = useCallback(
    (id: string) => {
      threads.remove(id)
      // Best effort: the thread is gone from the list either way.
      client.threads.delete(id).catch(() => undefined)
    },
    [client, threads],
  )
  return (
    <div className="shell">
      <TopBar framework="React" backend={config.backend} theme={currentTheme} onTheme={theme.set} />
      <ThreadList state={list} onNew={() => threads.select(null)} onSelect={threads.select} onDelete={remove} />
      <ChatPanel
        threadId={list.currentId}
        config={config}
        cache={cache}
        onThreadCreated={threads.add}
        onTheme={theme.set}
      />
    </div>
  )
}
