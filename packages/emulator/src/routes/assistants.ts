import { parseToolResources, parseTools } from '../bodies.ts'
import { nowSeconds } from '../clock.ts'
import { paginate } from '../pagination.ts'
import { json, param, type Route, route, type Services } from '../routing.ts'
import { getAssistant } from '../state.ts'
import {
  type Body,
  checkMetadata,
  optionalNumber,
  optionalString,
  readJsonBody,
  rejectUnknown,
  requiredString,
} from '../validate.ts'
import type { Assistant } from '../wire.ts'

const FIELDS = [
  'model',
  'name',
  'description',
  'instructions',
  'reasoning_effort',
  'tools',
  'tool_resources',
  'metadata',
  'temperature',
  'top_p',
  'response_format',
]

function applyFields(assistant: Assistant, body: Body): void {
  const model = optionalString(body, 'model')
  if (model !== undefined && model !== null) assistant.model = model
  for (const key of ['name', 'description', 'instructions', 'reasoning_effort'] as const) {
    const value = optionalString(body, key)
    if (value !== undefined) assistant[key] = value
  }
  const tools = parseTools(body['tools'], 128)
  if (tools !== undefined) assistant.tools = tools
  const toolResources = parseToolResources(body['tool_resources'])
  if (toolResources !== undefined) assistant.tool_resources = toolResources
  const metadata = checkMetadata(body['metadata'])
  if (metadata !== undefined) assistant.metadata = metadata
  const temperature = optionalNumber(body, 'temperature', { min: 0, max: 2 })
  if (temperature !== undefined) assistant.temperature = temperature
  const topP = optionalNumber(body, 'top_p', { min: 0, max: 1 })
  if (topP !== undefined) assistant.top_p = topP
  if (body['response_format'] !== undefined) assistant.response_format = body['response_format'] ?? 'auto'
}

/**
 * Builds an assistant from a `CreateAssistantRequest` body (also used for the `assistants` option's seeds).
 *
 * @param services - ids and clock
 * @param body - the body; `model` is required
 * @param id - a fixed id (seeds), or a fresh one
 * @returns the assistant (not stored)
 */
export function buildAssistant(services: Pick<Services, 'ids' | 'clock'>, body: Body, id?: string): Assistant {
  rejectUnknown(body, FIELDS)
  const assistant: Assistant = {
    id: id ?? services.ids.next('asst'),
    object: 'assistant',
    created_at: nowSeconds(services.clock),
    name: null,
    description: null,
    model: requiredString(body, 'model'),
    instructions: null,
    tools: [],
    top_p: 1.0,
    temperature: 1.0,
    reasoning_effort: null,
    tool_resources: {},
    metadata: {},
    response_format: 'auto',
  }
  applyFields(assistant, body)
  return assistant
}

/** `/assistants` CRUD (deprecated upstream, still used by every Assistants client to set up). */
export const assistantRoutes: Route[] = [
  route('POST /assistants', async (ctx) => {
    const assistant = buildAssistant(ctx.services, await readJsonBody(ctx.request))
    ctx.services.state.assistants.set(assistant.id, assistant)
    return json(assistant)
  }),
  route('GET /assistants', (ctx) => json(paginate([...ctx.services.state.assistants.values()], ctx.url.searchParams))),
  route('GET /assistants/{assistant_id}', (ctx) => json(getAssistant(ctx.services.state, param(ctx, 'assistant_id')))),
  route('POST /assistants/{assistant_id}', async (ctx) => {
    const assistant = getAssistant(ctx.services.state, param(ctx, 'assistant_id'))
    const body = await readJsonBody(ctx.request)
    rejectUnknown(body, FIELDS)
    // Validate on a copy so a bad field leaves the stored assistant untouched.
    const updated = structuredClone(assistant)
    applyFields(updated, body)
    ctx.services.state.assistants.set(updated.id, updated)
    return json(updated)
  }),
  route('DELETE /assistants/{assistant_id}', (ctx) => {
    const assistant = getAssistant(ctx.services.state, param(ctx, 'assistant_id'))
    ctx.services.state.assistants.delete(assistant.id)
    return json({ id: assistant.id, object: 'assistant.deleted', deleted: true })
  }),
]
