// size-limit entry: @skein/vue's useThread (with @skein/core; vue itself is the app's).
export { useThread } from '@skein/vue'
