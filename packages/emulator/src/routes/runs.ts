import { badRequest } from '../apiError.ts'
import { parseMessageList, parseRunInput } from '../bodies.ts'
import type { ToolOutput } from '../model.ts'
import { paginate } from '../pagination.ts'
import { json, param, type Route, type RouteContext, route } from '../routing.ts'
import { getRun, getThread, type RunRecord, type ThreadRecord } from '../state.ts'
import {
  checkMetadata,
  invalidType,
  isObject,
  missing,
  optionalBoolean,
  optionalString,
  readJsonBody,
  rejectUnknown,
} from '../validate.ts'
import { launchRun, respondWithRun, runFaults } from './launchRun.ts'

const CREATE_FIELDS = [
  'assistant_id',
  'model',
  'reasoning_effort',
  'instructions',
  'additional_instructions',
  'additional_messages',
  'tools',
  'tool_resources',
  'metadata',
  'temperature',
  'top_p',
  'stream',
  'max_prompt_tokens',
  'max_completion_tokens',
  'truncation_strategy',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
]

function lookup(ctx: RouteContext): { thread: ThreadRecord; record: RunRecord } {
  const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
  const record = getRun(thread, param(ctx, 'run_id'))
  ctx.services.engine.expireIfDue(thread, record)
  return { thread, record }
}

const quoteList = (ids: readonly string[]): string => `[${ids.map((id) => `'${id}'`).join(', ')}]`

function parseOutputs(value: unknown, record: RunRecord): ToolOutput[] {
  if (value === undefined || value === null) throw missing('tool_outputs')
  if (!Array.isArray(value)) throw invalidType('tool_outputs', 'an array', value)
  const calls = record.run.required_action?.submit_tool_outputs.tool_calls ?? []
  const outputs = value.map((item, i) => {
    if (!isObject(item)) throw invalidType(`tool_outputs[${i}]`, 'an object', item)
    rejectUnknown(item, ['tool_call_id', 'output'], `tool_outputs[${i}].`)
    return {
      tool_call_id: optionalString(item, 'tool_call_id', `tool_outputs[${i}].tool_call_id`) ?? '',
      output: optionalString(item, 'output', `tool_outputs[${i}].output`) ?? '',
    }
  })
  const expected = calls.map((call) => call.id)
  const got = outputs.map((item) => item.tool_call_id)
  // Every call answered exactly once, nothing else: the API's own check and text.
  if ([...expected].sort().join('\n') !== [...got].sort().join('\n')) {
    throw badRequest(`Expected tool outputs for call_ids ${quoteList(expected)}, got ${quoteList(got)}`)
  }
  return outputs.map((item) => {
    const call = calls.find((candidate) => candidate.id === item.tool_call_id)
    return { ...item, name: call?.function.name ?? '', arguments: call?.function.arguments ?? '' }
  })
}

/** Runs: create (JSON or stream), list, retrieve (with `openai-poll-after-ms`), modify, cancel, submit_tool_outputs. */
export const runRoutes: Route[] = [
  route('POST /threads/{thread_id}/runs', async (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    const body = await readJsonBody(ctx.request)
    rejectUnknown(body, CREATE_FIELDS)
    const input = parseRunInput(body)
    const messages = parseMessageList(body['additional_messages'], 'additional_messages')
    return launchRun(ctx, { thread, input, messages })
  }),
  route('GET /threads/{thread_id}/runs', (ctx) => {
    const thread = getThread(ctx.services.state, param(ctx, 'thread_id'))
    for (const record of thread.runs) ctx.services.engine.expireIfDue(thread, record)
    return json(
      paginate(
        thread.runs.map((record) => record.run),
        ctx.url.searchParams,
      ),
    )
  }),
  route('GET /threads/{thread_id}/runs/{run_id}', (ctx) =>
    json(lookup(ctx).record.run, { headers: { 'openai-poll-after-ms': String(ctx.services.config.pollAfterMs) } }),
  ),
  route('POST /threads/{thread_id}/runs/{run_id}', async (ctx) => {
    const { record } = lookup(ctx)
    const body = await readJsonBody(ctx.request)
    rejectUnknown(body, ['metadata'])
    const metadata = checkMetadata(body['metadata'])
    if (metadata !== undefined) record.run.metadata = metadata
    return json(record.run)
  }),
  route('POST /threads/{thread_id}/runs/{run_id}/cancel', (ctx) => {
    const { thread, record } = lookup(ctx)
    return json(ctx.services.engine.cancel(thread, record))
  }),
  route('POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs', async (ctx) => {
    const { thread, record } = lookup(ctx)
    const body = await readJsonBody(ctx.request)
    rejectUnknown(body, ['tool_outputs', 'stream'])
    const stream = optionalBoolean(body, 'stream') ?? false
    if (record.run.status !== 'requires_action') {
      throw badRequest(`Runs in status "${record.run.status}" do not accept tool outputs.`)
    }
    const outputs = parseOutputs(body['tool_outputs'], record)
    const { outcome, delay } = runFaults(ctx.faults)
    if (outcome) record.outcome = outcome
    if (delay) record.tokenDelayMs = delay.ms
    return respondWithRun(ctx, record, stream, () => ctx.services.engine.submit(thread, record, outputs))
  }),
]
