// The React page: loads the config, then renders the app under SkeinProvider (the client talks to the proxy only).
import { SkeinProvider } from '@skein/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../shared/styles.css'
import { createPlaygroundCache } from '../shared/cache.ts'
import { createPlaygroundClient, loadConfig } from '../shared/config.ts'
import { createThemeStore } from '../shared/theme.ts'
import { createThreadList } from '../shared/threadList.ts'
import { App } from './App.tsx'

const element = document.getElementById('app')
if (element === null) throw new Error('The page has no #app element.')
const root = createRoot(element)
const theme = createThemeStore(document.documentElement, localStorage)
const threads = createThreadList(localStorage)
const client = createPlaygroundClient()
const cache = createPlaygroundCache()

root.render(<p className="loading-page">Loading…</p>)
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <SkeinProvider client={client}>
          <App config={config} threads={threads} theme={theme} cache={cache} />
        </SkeinProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <p role="alert" className="loading-page">
        The playground server did not answer: {String(error)}
      </p>,
    ),
)
