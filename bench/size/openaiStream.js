// size-limit entry for comparison (no budget): the same "stream one run" with the official openai client.
import OpenAI from 'openai'

export async function streamRun(baseURL, threadId, assistantId, onText) {
  const client = new OpenAI({ baseURL, apiKey: 'unused', dangerouslyAllowBrowser: true })
  const stream = client.beta.threads.runs.stream(threadId, { assistant_id: assistantId })
  stream.on('textDelta', onText)
  return stream.finalRun()
}
