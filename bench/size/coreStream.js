// size-limit entry: what an app ships to stream one run with @skein/core (client + typed stream + reducer).
import { createClient } from '@skein/core'

export async function streamRun(baseURL, threadId, assistantId, onText) {
  const client = createClient({ baseURL })
  const stream = client.runs.stream(threadId, { assistant_id: assistantId })
  for await (const event of stream) if (event.event === 'thread.message.delta') onText(event.data)
  return stream.done()
}
