// size-limit entry: @skein/proxy, the whole handler.
export { createProxy } from '@skein/proxy'
