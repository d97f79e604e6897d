/** One Server-Sent-Events message as the stream reader hands it to `toAssistantEvent`. */
export interface SseMessage {
  /** The `event:` field; undefined when the message had none (the SSE default name is `message`). */
  event?: string | undefined
  /** The `data:` lines joined with `\n`. */
  data: string
  /** The `id:` field, when present. */
  id?: string | undefined
}
