// Runs the roles + response-cache scenarios (issue 5) and the live-thread scenarios (issue 9) against @skein/vue,
// through a chat that renders each message's decoded author (the authored DOM of test/adapters/driver.ts).
import { isCachedMessage, messageText, type ThreadMessage } from '@skein/core'
import { render } from '@testing-library/vue'
import { defineComponent, h, type PropType, ref } from 'vue'
import {
  type AuthoredChatCommands,
  type AuthoredChatProps,
  authorLabel,
  type ChatState,
  type MountedAuthoredChat,
} from '../../../test/adapters/driver.ts'
import { defineLiveScenarios } from '../../../test/adapters/liveScenarios.ts'
import { createRenderCounts } from '../../../test/adapters/renderCounts.ts'
import { defineRolesScenarios } from '../../../test/adapters/rolesScenarios.ts'
import { skein } from './plugin.ts'
import { useRun } from './useRun.ts'
import { useThread } from './useThread.ts'

function mountVue(props: AuthoredChatProps): MountedAuthoredChat {
  const counts = createRenderCounts()
  let latest: { state: () => ChatState; commands: AuthoredChatCommands } | undefined

  const AuthoredRow = defineComponent({
    props: { message: { type: Object as PropType<ThreadMessage>, required: true } },
    setup(rowProps) {
      return () => {
        const { message } = rowProps
        counts.row(message.id)
        return h(
          'li',
          {
            'data-id': message.id,
            'data-role': message.role,
            'data-local': message.local?.status ?? '',
            'data-author-role': message.author.role,
            'data-author-name': message.author.name ?? '',
            'data-cached': isCachedMessage(message) ? 'true' : '',
          },
          [
            h('strong', { 'data-part': 'author' }, authorLabel(message.author)),
            ' ',
            h('span', { 'data-part': 'text' }, messageText(message)),
          ],
        )
      }
    },
  })

  const AuthoredChat = defineComponent({
    setup() {
      const threadId = ref(props.threadId)
      const thread = useThread(threadId, {
        assistantId: props.assistantId,
        onThreadCreated: (id) => {
          threadId.value = id
        },
        ...(props.tools ? { tools: props.tools } : {}),
        ...(props.pageSize ? { pageSize: props.pageSize } : {}),
        ...(props.cache ? { cache: props.cache } : {}),
        ...(props.live ? { live: props.live } : {}),
        ...(props.onMessage ? { onMessage: props.onMessage } : {}),
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
            'data-cached': thread.run.value?.['cached'] === true ? 'true' : '',
          },
          [
            h(
              'ol',
              thread.messages.value.map((message) => h(AuthoredRow, { key: message.id, message })),
            ),
          ],
        )
      }
    },
  })

  const view = render(AuthoredChat, { global: { plugins: [[skein, { client: props.client }]] } })
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

defineRolesScenarios({ name: 'vue', mount: mountVue })
defineLiveScenarios({ name: 'vue', mount: mountVue })
