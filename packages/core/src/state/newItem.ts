type Json = Record<string, unknown>

/**
 * The item a delta list starts with when a delta names a new `index`: what the API's object of that type always
 * holds, so that a snapshot keeps its wire type (text parts have `annotations`, calls an `id`, functions an `output`)
 * however little the first delta carries. Built per call (an item is created once), so no two snapshots share a
 * default.
 *
 * @param list - the key of the list: `content`, `annotations`, `tool_calls` or `outputs`
 * @param type - the item's `type` from the delta
 * @returns the new item, or undefined for a type that list does not hold
 */
export function newItem(list: string, type: unknown): Json | undefined {
  const id = { file_id: '' }
  const url = { url: '' }
  // Per list: the payload of each type, under the key named by the type, and under '' the fields every item of the
  // list has (listed first: a call's wire order is id, type, function).
  const items = (
    {
      content: { text: { value: '', annotations: [] }, refusal: '', image_file: id, image_url: url },
      annotations: {
        '': { text: '', start_index: 0, end_index: 0 },
        file_citation: id,
        file_path: id,
        url_citation: url,
      },
      tool_calls: {
        '': { id: '' },
        function: { name: '', arguments: '', output: null },
        code_interpreter: { input: '', outputs: [] },
        file_search: {},
      },
      outputs: { logs: '', image: id },
    } as Record<string, Json>
  )[list]!
  const head = items[''] as Json
  if (type && Object.hasOwn(items, type as string)) return { ...head, type, [type as string]: items[type as string] }
  // Azure adds tool call types whose payloads are untyped (bing_grounding, mcp, ...): their fields come as they are.
  return list === 'tool_calls' && typeof type === 'string' ? { ...head, type } : undefined
}
