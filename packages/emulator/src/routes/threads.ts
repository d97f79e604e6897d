import { parseMessageList, parseRunInput, parseToolResources } from '../bodies.ts'
import { nowSeconds } from '../clock.ts'
import { readThread } from '../objects.ts'
import { paginate } from '../pagination.ts'
import { json, param, type Route, type RouteContext, route, type Services } from '../routing.ts'
import { activeRun, addMessage, getAssistant, getThread, type ThreadRecord } from '../state.ts'
import { type Body, checkMetadata, invalidType, isObject, readJsonBody, rejectUnknown } from '../validate.ts'
import { launchRun } from './launchRun.ts'

/**
 * Creates and stores a thread from a `CreateThreadRequest` body, with its initial messages.
 *
 * @param services - state, ids, clock
 * @param body - `{ messages?, tool_resources?, metadata? }`
 * @param prefix - the body's path for errors (`thread.` inside create-thread-and-run)
 * @returns the stored thread record
 */
export function createThread(services: Services, body: Body, prefix = ''): ThreadRecord {
  rejectUnknown(body, ['messages', 'tool_resources', 'metadata'], prefix)
  const messages = parseMessageList(body['messages'], `${prefix}messages`)
  const metadata = checkMetadata(body['metadata'], `${prefix}metadata`) ?? {}
  const record: ThreadRecord = {
    thread: {
      id: services.ids.next('thread'),
      object: 'thread',
      created_at: nowSeconds(services.clock),
      metadata,
      tool_resources: parseToolResources(body['tool_resources']) ?? {},
    },
    messages: [],
    runs: [],
  }
  services.state.threads.set(record.thread.id, record)
  for (const input of messages) addMessage(services, record, input)
  return record
}

const RUN_FIELDS = [
  'assistant_id',
  'thread',
  'model',
  'instructions',
  'tools',
  'tool_resources',
  'metadata',
  'temperature',
  'top_p',
  'reasoning_effort',
  'stream',
  'max_prompt_tokens',
  'max_completion_tokens',
  'truncation_strategy',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
]

async function createThreadAndRun(ctx: RouteContext): Promise<Response> {
  const body = await readJsonBody(ctx.request)
  rejectUnknown(body, RUN_FIELDS)
  const { thread: threadBody, ...runBody } = body
  if (threadBody !== undefined && threadBody !== null && !isObject(threadBody)) {
    throw invalidType('thread', 'an object', threadBody)
  }
  const input = parseRunInput(runBody)
  // Check the assistant before creating anything, so a bad request leaves no orphan thread behind.
  getAssistant(ctx.services.state, input.assistant_id)
  const thread = createThread(ctx.services, isObject(threadBody) ? threadBody : {}, 'thread.')
  return launchRun(ctx, { thread, input, messages: [], announceThread: true })
}

/** Threads: create (with messages), retrieve, modify, delete, Azure's list, and create-thread-and-run. */
export const threadRoutes: Route[] = [
  route('POST /threads', async (ctx) => {
    const record = createThread(ctx.services, await readJsonBody(ctx.request))
    return json(record.thread)
  }),
  route('GET /threads', (ctx) =>
    json(
      paginate(
        [...ctx.services.state.threads.values()].map((item) => item.thread),
        ctx.url.searchParams,
      ),
    ),
  ),
  route('POST /threads/runs', createThreadAndRun),
  route('GET /threads/{thread_id}', (ctx) =>
    json(readThread(getThread(ctx.services.state, param(ctx, 'thread_id')).thread)),
  ),
  route('POST /threads/{thread_id}', async (ctx) => {
    const record = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const body = await readJsonBody(ctx.request)
    rejectUnknown(body, ['tool_resources', 'metadata'])
    const metadata = checkMetadata(body['metadata'])
    const toolResources = parseToolResources(body['tool_resources'])
    if (metadata !== undefined) record.thread.metadata = metadata
    if (toolResources !== undefined) record.thread.tool_resources = toolResources
    return json(record.thread)
  }),
  route('DELETE /threads/{thread_id}', (ctx) => {
    const record = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const active = activeRun(record)
    if (active) ctx.services.engine.end(record, active, 'cancelled')
    ctx.services.state.threads.delete(record.thread.id)
    return json({ id: record.thread.id, object: 'thread.deleted', deleted: true })
  }),
]
