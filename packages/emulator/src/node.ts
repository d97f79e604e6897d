// `@skein/emulator/node`: the Node listener on its own entry, for code that wants the node-only part explicitly.

export type { FetchHandler, Listening, ListenOptions } from './listen.ts'
export { listen } from './listen.ts'
