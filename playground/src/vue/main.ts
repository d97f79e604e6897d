// The Vue page: loads the config, then mounts the app with the skein plugin (the client talks to the proxy only).
import { skein } from '@skein/vue'
import { createApp } from 'vue'
import '../shared/styles.css'
import { createPlaygroundCache } from '../shared/cache.ts'
import { createPlaygroundClient, loadConfig } from '../shared/config.ts'
import { createThemeStore } from '../shared/theme.ts'
import { createThreadList } from '../shared/threadList.ts'
import App from './App.vue'

const element = document.getElementById('app')
if (element === null) throw new Error('The page has no #app element.')
element.textContent = 'Loading…'
element.className = 'loading-page'
const theme = createThemeStore(document.documentElement, localStorage)
const threads = createThreadList(localStorage)
const client = createPlaygroundClient()
const cache = createPlaygroundCache()

loadConfig().then(
  (config) => {
    element.className = ''
    createApp(App, { config, threads, theme, cache }).use(skein, { client }).mount(element)
  },
  (error: unknown) => {
    element.setAttribute('role', 'alert')
    element.textContent = `The playground server did not answer: ${String(error)}`
  },
)
