import type { DropFault, ErrorEventFault } from './faults.ts'
import type { Subscription } from './hub.ts'
import type { StreamEvent } from './wire.ts'

/** Response headers of every event stream, as the real API sent them. */
export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
}

/**
 * @param event - one event
 * @returns its wire framing: `event:` and `data:` lines and a blank line (no `id:`, no comments), as recorded
 */
export function encodeEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${event.data}\n\n`
}

/** The stream faults that apply to one response. */
export interface StreamFaults {
  drop?: DropFault | undefined
  errorEvent?: ErrorEventFault | undefined
}

/** The error a dropped response body fails with (over HTTP, the listener turns it into a cut connection). */
export class DroppedConnectionError extends Error {
  override readonly name = 'DroppedConnectionError'
}

/**
 * Turns a run subscription into an SSE body: one chunk per event, pulled on demand so nothing is buffered ahead of the
 * reader. Cancelling the body (a client disconnect) only unsubscribes: the run keeps going on the server.
 *
 * @param prelude - events that only this response sends first (`thread.created`)
 * @param subscription - the run's events from the moment of the request
 * @param faults - an emulated drop or `error` event
 * @returns the body
 */
export function eventStream(
  prelude: readonly StreamEvent[],
  subscription: Subscription,
  faults: StreamFaults = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const queue = [...prelude]
  let events = 0
  let bytes = 0
  let failNext = false
  const drop = (controller: ReadableStreamDefaultController<Uint8Array>): void => {
    subscription.close()
    controller.error(new DroppedConnectionError('The emulator dropped the connection (fault).'))
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (failNext) return drop(controller)
        const { drop: dropFault, errorEvent } = faults
        if (dropFault?.afterEvents !== undefined && events >= dropFault.afterEvents) return drop(controller)
        if (errorEvent && events >= (errorEvent.afterEvents ?? 0)) {
          const data = {
            code: errorEvent.code === undefined ? 'server_error' : errorEvent.code,
            message: errorEvent.message ?? 'The server had an error while processing your request. Sorry about that!',
            param: null,
            type: 'server_error',
          }
          controller.enqueue(encoder.encode(encodeEvent({ event: 'error', data: JSON.stringify(data) })))
          subscription.close()
          controller.close()
          return
        }
        const event = queue.shift() ?? (await subscription.next())
        if (event === undefined) {
          // The hub let go without a `done`: the emulator was reset under this stream.
          controller.error(new DroppedConnectionError('The emulator was reset while this stream was open.'))
          return
        }
        let chunk = encoder.encode(encodeEvent(event))
        if (dropFault?.afterBytes !== undefined && bytes + chunk.length > dropFault.afterBytes) {
          // Deliver the cut-off part first; erroring now would discard it.
          chunk = chunk.subarray(0, dropFault.afterBytes - bytes)
          failNext = true
          if (chunk.length === 0) return drop(controller)
        }
        controller.enqueue(chunk)
        events++
        bytes += chunk.length
        if (event.event === 'done' && !failNext) {
          subscription.close()
          controller.close()
        }
      },
      cancel() {
        subscription.close()
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * @param body - a complete response body
 * @param afterBytes - how many bytes get through before the cut
 * @returns a body that delivers `afterBytes` bytes and then fails
 */
export function truncatedBody(body: string, afterBytes: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body).subarray(0, afterBytes)
  let sent = false
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent || bytes.length === 0) {
          controller.error(new DroppedConnectionError('The emulator dropped the connection (fault).'))
          return
        }
        sent = true
        controller.enqueue(bytes)
      },
    },
    { highWaterMark: 0 },
  )
}
