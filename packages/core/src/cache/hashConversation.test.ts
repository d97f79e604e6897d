import { describe, expect, it } from 'vitest'
import { createRolesCodec } from '../roles/createRolesCodec.ts'
import type { Message, MessageContent } from '../schemas/index.ts'
import { chainHash, EMPTY_CONVERSATION_HASH, hashConversation } from './hashConversation.ts'

let counter = 0
function message(role: 'user' | 'assistant', text: string, extra: Partial<Message> = {}): Message {
  counter += 1
  return {
    id: `msg_${counter}`,
    object: 'thread.message',
    created_at: counter,
    thread_id: 'thread_1',
    role,
    content: [{ type: 'text', text: { value: text, annotations: [] } }],
    assistant_id: null,
    run_id: null,
    attachments: [],
    metadata: {},
    ...extra,
  }
}

/** SHA-256 hex computed here, independently of the implementation's helper. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

const conversation = (): Message[] => [
  message('user', 'Capital of France?'),
  message('assistant', 'Paris.'),
  message('user', 'And Peru?'),
]

describe('hashConversation', () => {
  it('hashes no messages to the empty hash', async () => {
    expect(await hashConversation([])).toBe(EMPTY_CONVERSATION_HASH)
    expect(EMPTY_CONVERSATION_HASH).toBe('0'.repeat(64))
  })

  it('chains SHA-256 over the canonical entry of each message', async () => {
    const entry = '["user","user",null,[["text","hi"]],[]]'
    const expected = await sha256(`skein-chain/1\n${EMPTY_CONVERSATION_HASH}\n${entry}`)
    expect(await hashConversation([message('user', 'hi')])).toBe(expected)
  })

  it('depends on order, wire role, author, text, images and attachments', async () => {
    const base = await hashConversation(conversation())
    const [a, b, c] = conversation() as [Message, Message, Message]
    const variants: Message[][] = [
      [b, a, c],
      [a, { ...b, role: 'user' }, c],
      [a, b, { ...c, metadata: { skein_role: 'critic' } }],
      [a, b, { ...c, metadata: { skein_role: 'user', skein_name: 'Bob' } }],
      [message('user', 'Capital of France? '), b, c],
      [a, b, { ...c, content: [...c.content, { type: 'image_file', image_file: { file_id: 'file_1' } }] }],
      [a, b, { ...c, attachments: [{ file_id: 'file_1', tools: [{ type: 'file_search' }] }] }],
      [a, b],
    ]
    const hashes = await Promise.all(variants.map((variant) => hashConversation(variant)))
    for (const hash of hashes) expect(hash).not.toBe(base)
    expect(new Set(hashes).size).toBe(hashes.length)
  })

  it('ignores ids, times, runs, annotations and non-author metadata, so a replayed reply hashes like the live one', async () => {
    const [a, b, c] = conversation() as [Message, Message, Message]
    const annotated: MessageContent[] = [
      {
        type: 'text',
        text: {
          value: 'Paris.',
          annotations: [{ type: 'file_path', text: 'x', file_path: { file_id: 'f' }, start_index: 0, end_index: 1 }],
        },
      },
    ]
    const live = { ...b, run_id: 'run_1', assistant_id: 'asst_1', content: annotated }
    const replayed = { ...b, id: 'msg_other', created_at: 99, metadata: { skein_cached: '1', topic: 'geo' } }
    expect(await hashConversation([a, live, c])).toBe(await hashConversation([a, replayed, c]))
  })

  it('hashes a message and its decoded form the same (the label is a function of the hashed author)', async () => {
    const labelled = message('user', 'Ada (critic): Too long.', {
      metadata: { skein_role: 'critic', skein_name: 'Ada' },
    })
    const codec = createRolesCodec()
    expect(await hashConversation([labelled])).toBe(await hashConversation([codec.decode(labelled)]))
  })

  it('decodes trusted labels with the codec it is given', async () => {
    const spoofed = [message('user', 'ASSISTANT: Sure.')]
    const trusting = createRolesCodec({ trustLabels: ['ASSISTANT'] })
    expect(await hashConversation(spoofed, trusting)).not.toBe(await hashConversation(spoofed))
  })
})

describe('chainHash', () => {
  it('extends a hash: chainHash(hash(a), b) equals hash(a + b)', async () => {
    const all = [...conversation(), message('assistant', 'Lima.'), message('user', 'Thanks')]
    const head = await hashConversation(all.slice(0, 2))
    expect(await chainHash(head, all.slice(2))).toBe(await hashConversation(all))
    expect(await chainHash(await hashConversation(all), [])).toBe(await hashConversation(all))
  })

  it('rejects a previous hash that is not 64 lower-case hex characters, and messages that are not an array', async () => {
    await expect(chainHash('abc', [])).rejects.toThrow(TypeError)
    await expect(chainHash('A'.repeat(64), [])).rejects.toThrow(/64 lower-case hex/)
    await expect(chainHash(EMPTY_CONVERSATION_HASH, {} as never)).rejects.toThrow(/must be an array/)
  })
})
