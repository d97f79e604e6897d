import type { MessageInput, RunInput } from '../bodies.ts'
import { nowSeconds } from '../clock.ts'
import type { DelayTokensFault, Fault, RunOutcomeFault } from '../faults.ts'
import { RUN_TTL_SECONDS, readThread, wantsContent } from '../objects.ts'
import { json, type RouteContext } from '../routing.ts'
import { eventStream, SSE_HEADERS, type StreamFaults } from '../sse.ts'
import { addMessage, assertCanStartRun, getAssistant, type RunRecord, type ThreadRecord } from '../state.ts'
import type { Assistant, Run, StreamEvent } from '../wire.ts'

function find<TKind extends Fault['kind']>(
  faults: readonly Fault[],
  kind: TKind,
): Extract<Fault, { kind: TKind }> | undefined {
  return faults.find((fault): fault is Extract<Fault, { kind: TKind }> => fault.kind === kind)
}

/**
 * @param faults - the request's faults
 * @returns the drop and `error` event faults for its stream
 */
export function streamFaults(faults: readonly Fault[]): StreamFaults {
  return {
    drop: find(faults, 'drop'),
    errorEvent: find(faults, 'error_event'),
  }
}

/**
 * @param faults - the request's faults
 * @returns the forced outcome and token delay for the run it creates or resumes
 */
export function runFaults(faults: readonly Fault[]): { outcome?: RunOutcomeFault; delay?: DelayTokensFault } {
  const outcome = find(faults, 'run_outcome')
  const delay = find(faults, 'delay_tokens')
  return { ...(outcome ? { outcome } : {}), ...(delay ? { delay } : {}) }
}

function buildRun(ctx: RouteContext, thread: ThreadRecord, assistant: Assistant, input: RunInput): Run {
  const created = nowSeconds(ctx.services.clock)
  const base = input.instructions ?? assistant.instructions
  const instructions = input.additional_instructions
    ? [base, input.additional_instructions].filter(Boolean).join('\n\n')
    : base
  return {
    id: ctx.services.ids.next('run'),
    object: 'thread.run',
    created_at: created,
    assistant_id: assistant.id,
    thread_id: thread.thread.id,
    status: 'queued',
    started_at: null,
    expires_at: created + RUN_TTL_SECONDS,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    required_action: null,
    last_error: null,
    model: input.model ?? assistant.model,
    instructions,
    tools: structuredClone(input.tools ?? assistant.tools),
    tool_resources: input.tool_resources ?? { code_interpreter: { file_ids: [] } },
    metadata: input.metadata ?? {},
    temperature: input.temperature ?? assistant.temperature ?? 1.0,
    top_p: input.top_p ?? assistant.top_p ?? 1.0,
    reasoning_effort: input.reasoning_effort ?? assistant.reasoning_effort,
    max_completion_tokens: input.max_completion_tokens ?? null,
    max_prompt_tokens: input.max_prompt_tokens ?? null,
    truncation_strategy: input.truncation_strategy ?? { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage: null,
    response_format: input.response_format ?? assistant.response_format ?? 'auto',
    tool_choice: input.tool_choice ?? 'auto',
    parallel_tool_calls: input.parallel_tool_calls ?? true,
  }
}

/**
 * Answers a request that advances a run: a JSON snapshot taken before the run moves on, or an event stream
 * subscribed before the run moves on (so it misses nothing).
 *
 * @param ctx - the request
 * @param record - the run
 * @param stream - whether the client asked for `stream: true`
 * @param advance - starts or resumes the run's timeline
 * @param prelude - events only this stream sends first
 * @returns the response
 */
export function respondWithRun(
  ctx: RouteContext,
  record: RunRecord,
  stream: boolean,
  advance: () => void,
  prelude: readonly StreamEvent[] = [],
): Response {
  if (!stream) {
    advance()
    return json(record.run)
  }
  const subscription = ctx.services.hub.subscribe(record.run.id)
  advance()
  return new Response(eventStream(prelude, subscription, streamFaults(ctx.faults)), { headers: SSE_HEADERS })
}

/**
 * Creates a run on a thread and answers with it: checks the assistant (404) and the thread lock (400), adds the
 * `additional_messages`, then starts the run's timeline.
 *
 * @param ctx - the request
 * @param options - the thread, validated run input, additional messages, and whether to send `thread.created` first
 * @returns the run as JSON, or its event stream
 */
export function launchRun(
  ctx: RouteContext,
  options: { thread: ThreadRecord; input: RunInput; messages: readonly MessageInput[]; announceThread?: boolean },
): Response {
  const { services } = ctx
  const { thread, input } = options
  const assistant = getAssistant(services.state, input.assistant_id)
  assertCanStartRun(thread)
  for (const message of options.messages) addMessage(services, thread, message)
  const run = buildRun(ctx, thread, assistant, input)
  const { outcome, delay } = runFaults(ctx.faults)
  const record: RunRecord = {
    run,
    steps: [],
    abort: new AbortController(),
    tokenDelayMs: delay?.ms ?? services.config.tokenDelayMs,
    outcome,
    includeContent: wantsContent(ctx.url.searchParams),
    toolOutputs: [],
    resume: undefined,
    current: {},
  }
  thread.runs.push(record)
  services.state.counters.runsCreated++
  const prelude = options.announceThread
    ? [{ event: 'thread.created', data: JSON.stringify(readThread(thread.thread)) }]
    : []
  return respondWithRun(ctx, record, input.stream, () => services.engine.start(thread, record), prelude)
}
