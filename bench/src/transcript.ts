// A deterministic generator of Assistants v2 streams with the shapes of the recorded fixtures
// (fixtures/streams/openai-dotnet_*): full run, step and message objects, the first delta with `annotations: []`, then
// `N` deltas of 1 to 8 characters that mix ASCII words, JSON escapes and multi-byte UTF-8, and `event: done`.
// The same seed and size always give the same bytes, so every target and every run sees identical input.

/** `text`: a message reply ending in `thread.run.completed`; `tool`: function-call argument deltas ending in `requires_action`. */
export type Variant = 'text' | 'tool'

/** One generated stream. */
export interface Transcript {
  readonly variant: Variant
  /** How many delta events it holds. */
  readonly deltas: number
  /** Events before `done` (what a parser yields). */
  readonly events: number
  readonly bytes: Uint8Array
  /** The text (reply or tool-call arguments) that every consumer must end with. */
  readonly text: string
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Pieces a token is built from: words with their leading space, punctuation, characters that JSON escapes (quote,
// backslash, newline, tab, a control character) and multi-byte UTF-8 (2, 3 and 4 bytes, and a surrogate pair).
const PIECES = [
  ' the',
  ' stream',
  ' run',
  ' a',
  ' of',
  ' token',
  ' Skein',
  'ing',
  ' is',
  ',',
  '.',
  ' —',
  ' déjà',
  ' vu',
  ' 🧵',
  ' 中文',
  'ü',
  ' naïve',
  '"',
  '\\',
  '\n',
  '\t',
  '\u0007',
  ' {"k":',
  ' 42',
  ' µs',
] as const

/** One token of 1 to 8 code points. */
function token(random: () => number): string {
  const want = 1 + Math.floor(random() * 8)
  let out = ''
  let points = 0
  while (points < want) {
    const piece = PIECES[Math.floor(random() * PIECES.length)]!
    for (const point of piece) {
      if (points === want) break
      out += point
      points++
    }
  }
  return out
}

const T0 = 1761861742
const RUN = 'run_Uy45lNz2P7BpJcqWzQkXl1Bu'
const THREAD = 'thread_Wq2ScOs1iInUsyhUUDmN5NZH'
const ASSISTANT = 'asst_0VLdyfoSMFV4tQpzWUT2ywhg'
const STEP = 'step_MVHqdoguIjNIUNR3cl1ks8ka'
const MESSAGE = 'msg_Tn5DNmiQEPZ80biW5AukKrvH'
const CALL = 'call_xyFYaEeyocjyE6jN64QTcxip'
const FUNCTION = 'get_current_weather'

const TOOLS = [
  {
    type: 'function',
    function: {
      name: FUNCTION,
      description: "Gets the user's current weather",
      parameters: { type: 'object', properties: { notes: { type: 'string' } } },
      strict: false,
    },
  },
]

function usage(completion: number): Record<string, unknown> {
  return {
    prompt_tokens: 38,
    completion_tokens: completion,
    total_tokens: 38 + completion,
    prompt_token_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  }
}

function run(status: string, variant: Variant, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: RUN,
    object: 'thread.run',
    created_at: T0,
    assistant_id: ASSISTANT,
    thread_id: THREAD,
    status,
    started_at: status === 'queued' ? null : T0 + 2,
    expires_at: status === 'completed' ? null : T0 + 600,
    cancelled_at: null,
    failed_at: null,
    completed_at: status === 'completed' ? T0 + 5 : null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: null,
    tools: variant === 'tool' ? TOOLS : [],
    tool_resources: { code_interpreter: { file_ids: [] } },
    metadata: {},
    temperature: 1.0,
    top_p: 1.0,
    reasoning_effort: null,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage: null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
    ...extra,
  }
}

function step(status: string, variant: Variant, details: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: STEP,
    object: 'thread.run.step',
    created_at: T0 + 3,
    run_id: RUN,
    assistant_id: ASSISTANT,
    thread_id: THREAD,
    type: variant === 'tool' ? 'tool_calls' : 'message_creation',
    status,
    cancelled_at: null,
    completed_at: status === 'completed' ? T0 + 4 : null,
    expires_at: T0 + 600,
    failed_at: null,
    last_error: null,
    step_details: details,
    usage: null,
    ...extra,
  }
}

function message(status: string, text: string | null): Record<string, unknown> {
  return {
    id: MESSAGE,
    object: 'thread.message',
    created_at: T0 + 3,
    assistant_id: ASSISTANT,
    thread_id: THREAD,
    run_id: RUN,
    status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: status === 'completed' ? T0 + 4 : null,
    role: 'assistant',
    content: text === null ? [] : [{ type: 'text', text: { value: text, annotations: [] } }],
    attachments: [],
    metadata: {},
  }
}

/**
 * Generates one transcript.
 *
 * @param variant - `text` or `tool`
 * @param deltas - how many delta events (message text, or tool-call arguments)
 * @param seed - PRNG seed
 * @returns the bytes, the event count and the expected final text
 */
export function generateTranscript(variant: Variant, deltas: number, seed = 0x5ce1): Transcript {
  const random = createRandom(seed ^ deltas)
  const parts: string[] = []
  let events = 0
  const emit = (event: string, data: unknown): void => {
    parts.push(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    events++
  }
  emit('thread.run.created', run('queued', variant))
  emit('thread.run.queued', run('queued', variant))
  emit('thread.run.in_progress', run('in_progress', variant))
  let text = ''
  if (variant === 'text') {
    const details = { type: 'message_creation', message_creation: { message_id: MESSAGE } }
    emit('thread.run.step.created', step('in_progress', variant, details))
    emit('thread.run.step.in_progress', step('in_progress', variant, details))
    emit('thread.message.created', message('in_progress', null))
    emit('thread.message.in_progress', message('in_progress', null))
    for (let i = 0; i < deltas; i++) {
      const value = token(random)
      text += value
      // The API sends `annotations: []` with the first delta of a text part only.
      const inner = i === 0 ? { value, annotations: [] } : { value }
      emit('thread.message.delta', {
        id: MESSAGE,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: inner }] },
      })
    }
    emit('thread.message.completed', message('completed', text))
    emit('thread.run.step.completed', step('completed', variant, details, { usage: usage(deltas) }))
    emit('thread.run.completed', run('completed', variant, { usage: usage(deltas) }))
  } else {
    emit('thread.run.step.created', step('in_progress', variant, { type: 'tool_calls', tool_calls: [] }))
    emit('thread.run.step.in_progress', step('in_progress', variant, { type: 'tool_calls', tool_calls: [] }))
    emit('thread.run.step.delta', {
      id: STEP,
      object: 'thread.run.step.delta',
      delta: {
        step_details: {
          type: 'tool_calls',
          tool_calls: [
            { index: 0, id: CALL, type: 'function', function: { name: FUNCTION, arguments: '', output: null } },
          ],
        },
      },
    })
    // The arguments are one JSON object whose string value grows token by token: what a model streams.
    const fragments: string[] = ['{"notes":"']
    for (let i = 1; i < deltas - 1; i++) fragments.push(JSON.stringify(token(random)).slice(1, -1))
    fragments.push('"}')
    for (const fragment of fragments.slice(0, deltas)) {
      text += fragment
      emit('thread.run.step.delta', {
        id: STEP,
        object: 'thread.run.step.delta',
        delta: {
          step_details: {
            type: 'tool_calls',
            tool_calls: [{ index: 0, type: 'function', function: { arguments: fragment } }],
          },
        },
      })
    }
    const call = { id: CALL, type: 'function', function: { name: FUNCTION, arguments: text } }
    emit(
      'thread.run.requires_action',
      run('requires_action', variant, {
        required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [call] } },
      }),
    )
  }
  parts.push('event: done\ndata: [DONE]\n\n')
  return { variant, deltas, events, bytes: new TextEncoder().encode(parts.join('')), text }
}

/**
 * The transcript as a response body: a ReadableStream that hands out `chunkSize`-byte views (no copies) on demand.
 *
 * @param bytes - the whole stream
 * @param chunkSize - bytes per chunk (the last one may be shorter)
 * @returns a fresh stream
 */
export function bodyOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close()
          return
        }
        controller.enqueue(bytes.subarray(offset, offset + chunkSize))
        offset += chunkSize
      },
    },
    { highWaterMark: 0 },
  )
}
