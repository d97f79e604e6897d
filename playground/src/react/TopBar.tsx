import type { Theme } from '../shared/tools.ts'

/** The header: page links, the backend in use and a theme toggle. */
export function TopBar(props: {
  framework: 'React' | 'Vue'
  backend: string
  theme: Theme
  onTheme: (theme: Theme) => void
}) {
  const next = props.theme === 'dark' ? 'light' : 'dark'
  return (
    <header className="topbar">
      <h1>Skein playground · {props.framework}</h1>
      <nav aria-label="Pages">
        <a href="/react/" aria-current={props.framework === 'React' ? 'page' : undefined}>
          React
        </a>
        <a href="/vue/" aria-current={props.framework === 'Vue' ? 'page' : undefined}>
          Vue
        </a>
      </nav>
      <span className="spacer" />
      <span className="badge">backend: {props.backend}</span>
      <button type="button" onClick={() => props.onTheme(next)} aria-pressed={props.theme === 'dark'}>
        Dark theme
      </button>
    </header>
  )
}
