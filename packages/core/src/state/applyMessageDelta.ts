import type { Annotation, AnnotationDelta } from '../schemas/annotation.ts'
import type { Message, MessageContent } from '../schemas/message.ts'
import type { MessageDelta, MessageDeltaContent } from '../schemas/messageDelta.ts'
import { checkIndex, fitsIndex, invalidDelta } from './checkIndex.ts'
import { hasExactKeys } from './hasExactKeys.ts'

/**
 * Applies one `thread.message.delta` to a message snapshot, by typed rules: text `value` and `refusal` are appended at
 * `content[index]`, annotations are placed at their own `index`, image parts take the fields that arrive. Returns a
 * new message (sharing every untouched part) or `message` itself when the delta changes nothing.
 *
 * @param message - the current snapshot
 * @param data - the delta event's data
 * @param event - the event name, for errors
 * @returns the next snapshot
 * @throws AssistantsError `invalid_event` for an out-of-bounds index or a part whose type does not match
 */
export function applyMessageDelta(message: Message, data: MessageDelta, event: string): Message {
  const parts = data.delta.content
  const role = data.delta.role
  let content: MessageContent[] = message.content
  if (parts !== undefined) {
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!
      // Paths for error messages are built only on failure: this loop runs once per streamed token.
      const index = fitsIndex(part.index, content.length)
        ? part.index
        : checkIndex(part.index, content.length, event, `${partPath(p)}.index`)
      const next = applyContentDelta(content[index], part, event, p)
      if (next === content[index]) continue
      if (content === message.content) content = content.slice()
      content[index] = next
    }
  }
  if (content === message.content && role === undefined) return message
  const next = hasExactKeys(message, WIRE_KEYS) ? copyWireMessage(message) : { ...message }
  next.content = content
  if (role !== undefined) next.role = role
  return next
}

// A streamed message's keys in the order the API sends them (every recorded OpenAI and Azure stream).
const WIRE_KEYS: readonly string[] = [
  'id',
  'object',
  'created_at',
  'assistant_id',
  'thread_id',
  'run_id',
  'status',
  'incomplete_details',
  'incomplete_at',
  'completed_at',
  'role',
  'content',
  'attachments',
  'metadata',
]

/** `{ ...message }` for a message with exactly {@link WIRE_KEYS}, as a literal (see hasExactKeys.ts for why). */
function copyWireMessage(message: Message): Message {
  return {
    id: message.id,
    object: message.object,
    created_at: message.created_at,
    assistant_id: message.assistant_id,
    thread_id: message.thread_id,
    run_id: message.run_id,
    status: message.status,
    incomplete_details: message.incomplete_details,
    incomplete_at: message.incomplete_at,
    completed_at: message.completed_at,
    role: message.role,
    content: message.content,
    attachments: message.attachments,
    metadata: message.metadata,
  }
}

const PART_KEYS: readonly string[] = ['type', 'text']
const TEXT_KEYS: readonly string[] = ['value', 'annotations']

function partPath(p: number): string {
  return `delta.content[${p}]`
}

function applyContentDelta(
  existing: MessageContent | undefined,
  part: MessageDeltaContent,
  event: string,
  p: number,
): MessageContent {
  if (existing !== undefined && existing.type !== part.type) {
    throw invalidDelta(
      event,
      `${partPath(p)}.type`,
      `"${String(part.type)}" does not match the existing ${existing.type} part`,
    )
  }
  switch (part.type) {
    case 'text': {
      const base = existing?.type === 'text' ? existing : undefined
      const value = part.text?.value
      const deltas = part.text?.annotations
      const annotations = base?.text.annotations ?? []
      const nextAnnotations =
        deltas !== undefined && deltas.length > 0
          ? applyAnnotationDeltas(annotations, deltas, event, `${partPath(p)}.text.annotations`)
          : annotations
      if (base === undefined) return { type: 'text', text: { value: value ?? '', annotations: nextAnnotations } }
      if (!value && nextAnnotations === annotations) return base
      // The hot path of every stream: one text part per delta. The shape this reducer builds is copied as a literal.
      const nextValue = value ? base.text.value + value : base.text.value
      if (hasExactKeys(base, PART_KEYS) && hasExactKeys(base.text, TEXT_KEYS)) {
        return { type: 'text', text: { value: nextValue, annotations: nextAnnotations } }
      }
      const text = { ...base.text }
      text.value = nextValue
      text.annotations = nextAnnotations
      const next = { ...base }
      next.text = text
      return next
    }
    case 'refusal': {
      const base = existing?.type === 'refusal' ? existing : undefined
      if (base !== undefined && !part.refusal) return base
      return { ...base, type: 'refusal', refusal: (base?.refusal ?? '') + (part.refusal ?? '') }
    }
    case 'image_file': {
      const base = existing?.type === 'image_file' ? existing : undefined
      const image = part.image_file
      const image_file = { ...base?.image_file, file_id: image?.file_id ?? base?.image_file.file_id ?? '' }
      const detail = image?.detail ?? base?.image_file.detail
      return { ...base, type: 'image_file', image_file: detail === undefined ? image_file : { ...image_file, detail } }
    }
    case 'image_url': {
      const base = existing?.type === 'image_url' ? existing : undefined
      const image = part.image_url
      const image_url = { ...base?.image_url, url: image?.url ?? base?.image_url.url ?? '' }
      const detail = image?.detail ?? base?.image_url.detail
      return { ...base, type: 'image_url', image_url: detail === undefined ? image_url : { ...image_url, detail } }
    }
    default:
      throw invalidDelta(
        event,
        `${partPath(p)}.type`,
        `unknown content type ${JSON.stringify((part as { type?: unknown }).type)}`,
      )
  }
}

function applyAnnotationDeltas(
  annotations: Annotation[],
  deltas: AnnotationDelta[],
  event: string,
  path: string,
): Annotation[] {
  const next = annotations.slice()
  for (let a = 0; a < deltas.length; a++) {
    const delta = deltas[a]!
    const index = fitsIndex(delta.index, next.length)
      ? delta.index
      : checkIndex(delta.index, next.length, event, `${path}[${a}].index`)
    next[index] = applyAnnotationDelta(next[index], delta, event, `${path}[${a}]`)
  }
  return next
}

// A citation streams as one delta in practice (wire/events.md 3.7), but the rules still say what a second one does:
// `text` and `quote` are appended, positions and ids are replaced (never summed, unlike the generic merge of openai-node).
function applyAnnotationDelta(
  existing: Annotation | undefined,
  delta: AnnotationDelta,
  event: string,
  path: string,
): Annotation {
  if (existing !== undefined && existing.type !== delta.type) {
    throw invalidDelta(event, `${path}.type`, `"${String(delta.type)}" does not match the existing ${existing.type}`)
  }
  const text = (existing?.text ?? '') + (delta.text ?? '')
  const start_index = delta.start_index ?? existing?.start_index ?? 0
  const end_index = delta.end_index ?? existing?.end_index ?? 0
  switch (delta.type) {
    case 'file_citation': {
      const prev = existing?.type === 'file_citation' ? existing.file_citation : undefined
      const quoted = delta.file_citation?.quote
      const file_citation = {
        ...prev,
        file_id: delta.file_citation?.file_id ?? prev?.file_id ?? '',
        ...(quoted === undefined ? {} : { quote: (prev?.quote ?? '') + quoted }),
      }
      return { ...existing, type: 'file_citation', text, start_index, end_index, file_citation }
    }
    case 'file_path': {
      const prev = existing?.type === 'file_path' ? existing.file_path : undefined
      const file_path = { ...prev, file_id: delta.file_path?.file_id ?? prev?.file_id ?? '' }
      return { ...existing, type: 'file_path', text, start_index, end_index, file_path }
    }
    case 'url_citation': {
      const prev = existing?.type === 'url_citation' ? existing.url_citation : undefined
      const title = delta.url_citation?.title ?? prev?.title
      const url_citation = { ...prev, url: delta.url_citation?.url ?? prev?.url ?? '' }
      return {
        ...existing,
        type: 'url_citation',
        text,
        start_index,
        end_index,
        url_citation: title === undefined ? url_citation : { ...url_citation, title },
      }
    }
    default:
      throw invalidDelta(
        event,
        `${path}.type`,
        `unknown annotation type ${JSON.stringify((delta as { type?: unknown }).type)}`,
      )
  }
}
