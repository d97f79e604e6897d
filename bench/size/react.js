// size-limit entry: @skein/react's useThread (with @skein/core; react itself is the app's).
export { useThread } from '@skein/react'
