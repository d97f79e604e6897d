// Parses the request bodies of wire/rest.md §4 into normalized values, with the API's error texts.
import { badRequest } from './apiError.ts'
import {
  type Body,
  checkMetadata,
  invalidType,
  invalidValue,
  isObject,
  missing,
  optionalBoolean,
  optionalNumber,
  optionalString,
  rejectUnknown,
  requiredString,
} from './validate.ts'
import type { AssistantTool, Attachment, MessageContent, Metadata, ToolResources } from './wire.ts'

/** A validated message to add to a thread. */
export interface MessageInput {
  role: 'user' | 'assistant'
  content: MessageContent[]
  attachments: Attachment[]
  metadata: Metadata
}

const ROLES = ['user', 'assistant'] as const

function contentPart(part: unknown, param: string): MessageContent {
  if (!isObject(part)) throw invalidType(param, 'an object', part)
  if (part['type'] === undefined) throw missing(`${param}.type`)
  if (part['type'] === 'text') {
    rejectUnknown(part, ['type', 'text'], `${param}.`)
    return { type: 'text', text: { value: requiredString(part, 'text', `${param}.text`), annotations: [] } }
  }
  if (part['type'] === 'image_file') {
    const image = part['image_file']
    if (!isObject(image))
      throw image === undefined ? missing(`${param}.image_file`) : invalidType(param, 'an object', image)
    const detail = optionalString(image, 'detail', `${param}.image_file.detail`)
    const file_id = requiredString(image, 'file_id', `${param}.image_file.file_id`)
    return { type: 'image_file', image_file: detail ? { file_id, detail } : { file_id } }
  }
  if (part['type'] === 'image_url') {
    const image = part['image_url']
    if (!isObject(image))
      throw image === undefined ? missing(`${param}.image_url`) : invalidType(param, 'an object', image)
    const detail = optionalString(image, 'detail', `${param}.image_url.detail`)
    const url = requiredString(image, 'url', `${param}.image_url.url`)
    return { type: 'image_url', image_url: detail ? { url, detail } : { url } }
  }
  throw invalidValue(`${param}.type`, part['type'], ['text', 'image_file', 'image_url'])
}

function attachments(value: unknown, param: string): Attachment[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidType(param, 'an array', value)
  return value.map((item, i) => {
    if (!isObject(item)) throw invalidType(`${param}[${i}]`, 'an object', item)
    const file_id = requiredString(item, 'file_id', `${param}[${i}].file_id`)
    const tools = Array.isArray(item['tools']) ? item['tools'] : []
    return { file_id, tools: tools.filter(isObject).map((tool) => ({ type: String(tool['type']) })) }
  })
}

/**
 * @param value - a `CreateMessageRequest`
 * @param prefix - its path, e.g. `messages[0].` (empty for `POST /threads/{id}/messages`)
 * @returns the normalized message
 */
export function parseMessageInput(value: unknown, prefix = ''): MessageInput {
  if (!isObject(value)) throw invalidType(prefix.slice(0, -1) || 'body', 'an object', value)
  rejectUnknown(value, ['role', 'content', 'attachments', 'metadata'], prefix)
  const role = value['role']
  if (role === undefined) throw missing(`${prefix}role`)
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw invalidValue(`${prefix}role`, role, ROLES)
  }
  const content = value['content']
  let parts: MessageContent[]
  if (content === undefined || content === null) throw missing(`${prefix}content`)
  if (typeof content === 'string') {
    parts = [{ type: 'text', text: { value: content, annotations: [] } }]
  } else if (Array.isArray(content)) {
    if (content.length === 0) {
      throw badRequest(
        `Invalid '${prefix}content': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
        `${prefix}content`,
        'empty_array',
      )
    }
    parts = content.map((part, i) => contentPart(part, `${prefix}content[${i}]`))
  } else {
    throw invalidType(`${prefix}content`, 'a string or an array', content)
  }
  return {
    role: role as MessageInput['role'],
    content: parts,
    attachments: attachments(value['attachments'], `${prefix}attachments`),
    metadata: checkMetadata(value['metadata'], `${prefix}metadata`) ?? {},
  }
}

/**
 * @param value - the `messages` / `additional_messages` array
 * @param param - its name
 * @returns the normalized messages
 */
export function parseMessageList(value: unknown, param: string): MessageInput[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidType(param, 'an array', value)
  return value.map((item, i) => parseMessageInput(item, `${param}[${i}].`))
}

const DEFAULT_RANKING = { ranker: 'default_2024_08_21', score_threshold: 0.0, hybrid_search: null }

/**
 * Validates and normalizes tools as the real API echoes them (`strict: false` on functions, default ranking options
 * on file_search).
 *
 * @param value - the `tools` array
 * @param max - the endpoint's limit (20 on runs, 128 on assistants)
 * @returns the tools, or `undefined` when absent/null
 */
export function parseTools(value: unknown, max: number): AssistantTool[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw invalidType('tools', 'an array', value)
  if (value.length > max) {
    throw badRequest(
      `Invalid 'tools': array too long. Expected an array with maximum length ${max}, but got an array with length ${value.length} instead.`,
      'tools',
      'array_above_max_length',
    )
  }
  return value.map((tool, i): AssistantTool => {
    const param = `tools[${i}]`
    if (!isObject(tool)) throw invalidType(param, 'an object', tool)
    if (tool['type'] === 'code_interpreter') return { type: 'code_interpreter' }
    if (tool['type'] === 'file_search') {
      const options = isObject(tool['file_search']) ? tool['file_search'] : {}
      return {
        type: 'file_search',
        file_search: { ...options, ranking_options: options['ranking_options'] ?? DEFAULT_RANKING },
      }
    }
    if (tool['type'] === 'function') {
      const fn = tool['function']
      if (!isObject(fn))
        throw fn === undefined ? missing(`${param}.function`) : invalidType(`${param}.function`, 'an object', fn)
      const name = requiredString(fn, 'name', `${param}.function.name`)
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
        throw badRequest(
          `Invalid '${param}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
          `${param}.function.name`,
          'invalid_value',
        )
      }
      const description = optionalString(fn, 'description', `${param}.function.description`)
      const parameters = fn['parameters']
      if (parameters !== undefined && !isObject(parameters)) {
        throw invalidType(`${param}.function.parameters`, 'an object', parameters)
      }
      return {
        type: 'function',
        function: {
          name,
          ...(typeof description === 'string' ? { description } : {}),
          ...(parameters !== undefined ? { parameters } : {}),
          strict: optionalBoolean(fn, 'strict') ?? false,
        },
      }
    }
    if (tool['type'] === undefined) throw missing(`${param}.type`)
    throw invalidValue(`${param}.type`, tool['type'], ['code_interpreter', 'function', 'file_search'])
  })
}

/**
 * @param value - `tool_resources`
 * @returns the object as sent, `{}` for null, `undefined` when absent
 */
export function parseToolResources(value: unknown): ToolResources | undefined {
  if (value === undefined) return undefined
  if (value === null) return {}
  if (!isObject(value)) throw invalidType('tool_resources', 'an object', value)
  return value
}

/** The run settings shared by `POST /threads/{id}/runs` and `POST /threads/runs`. */
export interface RunInput {
  assistant_id: string
  stream: boolean
  model?: string | null | undefined
  instructions?: string | null | undefined
  additional_instructions?: string | null | undefined
  tools?: AssistantTool[] | undefined
  tool_resources?: ToolResources | undefined
  metadata?: Metadata | undefined
  temperature?: number | null | undefined
  top_p?: number | null | undefined
  reasoning_effort?: string | null | undefined
  max_prompt_tokens?: number | null | undefined
  max_completion_tokens?: number | null | undefined
  truncation_strategy?: unknown
  tool_choice?: unknown
  parallel_tool_calls?: boolean | null | undefined
  response_format?: unknown
}

const TOOL_CHOICES = ['none', 'auto', 'required'] as const

/**
 * @param body - the run-creating body (its unknown keys already rejected)
 * @returns the run settings
 */
export function parseRunInput(body: Body): RunInput {
  const toolChoice = body['tool_choice']
  if (typeof toolChoice === 'string' && !(TOOL_CHOICES as readonly string[]).includes(toolChoice)) {
    throw invalidValue('tool_choice', toolChoice, TOOL_CHOICES)
  }
  if (toolChoice !== undefined && toolChoice !== null && typeof toolChoice !== 'string' && !isObject(toolChoice)) {
    throw invalidType('tool_choice', 'a string or an object', toolChoice)
  }
  return {
    assistant_id: requiredString(body, 'assistant_id'),
    stream: optionalBoolean(body, 'stream') ?? false,
    model: optionalString(body, 'model'),
    instructions: optionalString(body, 'instructions'),
    additional_instructions: optionalString(body, 'additional_instructions'),
    tools: parseTools(body['tools'], 20),
    tool_resources: parseToolResources(body['tool_resources']),
    metadata: checkMetadata(body['metadata']),
    temperature: optionalNumber(body, 'temperature', { min: 0, max: 2 }),
    top_p: optionalNumber(body, 'top_p', { min: 0, max: 1 }),
    reasoning_effort: optionalString(body, 'reasoning_effort'),
    max_prompt_tokens: optionalNumber(body, 'max_prompt_tokens', { min: 256, integer: true }),
    max_completion_tokens: optionalNumber(body, 'max_completion_tokens', { min: 256, integer: true }),
    truncation_strategy: body['truncation_strategy'],
    tool_choice: toolChoice,
    parallel_tool_calls: optionalBoolean(body, 'parallel_tool_calls'),
    response_format: body['response_format'],
  }
}
