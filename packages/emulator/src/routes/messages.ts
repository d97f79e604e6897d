import { parseMessageInput } from '../bodies.ts'
import { restMessage } from '../objects.ts'
import { paginate } from '../pagination.ts'
import { json, param, type Route, route } from '../routing.ts'
import { addMessage, assertCanAddMessages, getMessage, getThread } from '../state.ts'
import { checkMetadata, readJsonBody, rejectUnknown } from '../validate.ts'

/** Messages: create (`user` or `assistant`), list (with `run_id`), retrieve, modify metadata, delete. */
export const messageRoutes: Route[] = [
  route('POST /threads/{thread_id}/messages', async (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const input = parseMessageInput(await readJsonBody(ctx.request))
    assertCanAddMessages(thread)
    return json(restMessage(addMessage(ctx.services, thread, input)))
  }),
  route('GET /threads/{thread_id}/messages', (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const runId = ctx.url.searchParams.get('run_id')
    const messages = runId ? thread.messages.filter((message) => message.run_id === runId) : thread.messages
    return json(paginate(messages, ctx.url.searchParams, restMessage))
  }),
  route('GET /threads/{thread_id}/messages/{message_id}', (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    return json(restMessage(getMessage(thread, param(ctx, 'message_id'))))
  }),
  route('POST /threads/{thread_id}/messages/{message_id}', async (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const message = getMessage(thread, param(ctx, 'message_id'))
    const body = await readJsonBody(ctx.request)
    rejectUnknown(body, ['metadata'])
    const metadata = checkMetadata(body['metadata'])
    if (metadata !== undefined) message.metadata = metadata
    return json(restMessage(message))
  }),
  route('DELETE /threads/{thread_id}/messages/{message_id}', (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const message = getMessage(thread, param(ctx, 'message_id'))
    thread.messages = thread.messages.filter((item) => item !== message)
    return json({ id: message.id, object: 'thread.message.deleted', deleted: true })
  }),
]
