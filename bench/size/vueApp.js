// size-limit entry for context (no budget): a whole Vue chat app's Skein code, the client it creates plus useThread.
// The useThread entry leaves the client out (it is the app's); this one shows what the app ships in total.
export { createClient } from '@skein/core'
export { useThread } from '@skein/vue'
