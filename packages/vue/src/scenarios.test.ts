// Runs the shared adapter scenarios (test/adapters/scenarios.ts) against @skein/vue.
import { messageText, type ThreadMessage } from '@skein/core'
import { render } from '@testing-library/vue'
import { defineComponent, h, type PropType, ref } from 'vue'
import type { ChatCommands, ChatProps, ChatState, MountedChat } from '../../../test/adapters/driver.ts'
import { createRenderCounts } from '../../../test/adapters/renderCounts.ts'
import { defineScenarios } from '../../../test/adapters/scenarios.ts'
import { skein } from './plugin.ts'
import { useRun } from './useRun.ts'
import { useThread } from './useThread.ts'

function mountVue(props: ChatProps): MountedChat {
  const counts = createRenderCounts()
  let latest: { state: () => ChatState; commands: ChatCommands } | undefined

  // A child component with an object prop re-renders only when the prop's identity changes: Vue's row memo.
  const Row = defineComponent({
    props: { message: { type: Object as PropType<ThreadMessage>, required: true } },
    setup(rowProps) {
      return () => {
        counts.row(rowProps.message.id)
        const { message } = rowProps
        return h(
          'li',
          { 'data-id': message.id, 'data-role': message.role, 'data-local': message.local?.status ?? '' },
          messageText(message),
        )
      }
    },
  })

  const Chat = defineComponent({
    setup() {
      // The app pattern the docs show: follow the thread a `null` store creates.
      const threadId = ref(props.threadId)
      const thread = useThread(threadId, {
        assistantId: props.assistantId,
        onThreadCreated: (id) => {
          threadId.value = id
        },
        ...(props.tools ? { tools: props.tools } : {}),
        ...(props.pageSize ? { pageSize: props.pageSize } : {}),
      })
      const run = useRun(thread.threadId)
      latest = {
        state: () => ({
          threadId: thread.threadId.value,
          status: thread.status.value,
          messages: thread.messages.value,
          hasMore: thread.hasMore.value,
          loadingMore: thread.loadingMore.value,
          queued: thread.queued.value,
          error: thread.error.value,
          runStatus: run.status.value,
          toolCalls: run.toolCalls.value,
        }),
        commands: thread,
      }
      return () => {
        counts.render()
        return h(
          'section',
          {
            'data-testid': 'chat',
            'data-status': thread.status.value,
            'data-run-status': run.status.value,
            'data-thread-id': thread.threadId.value ?? '',
          },
          [
            h(
              'ol',
              thread.messages.value.map((message) => h(Row, { key: message.id, message })),
            ),
          ],
        )
      }
    },
  })

  const view = render(Chat, { global: { plugins: [[skein, { client: props.client }]] } })
  const current = () => {
    if (latest === undefined) throw new Error('The chat has not rendered.')
    return latest
  }
  return {
    container: view.container as HTMLElement,
    state: () => current().state(),
    commands: () => current().commands,
    renders: counts.renders,
    rowRenders: counts.rowRenders,
    unmount: view.unmount,
  }
}

defineScenarios({ name: 'vue', mount: mountVue })
