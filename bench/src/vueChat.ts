// The Vue chat of the render benchmark: `useThread` and one row component per message (Vue re-renders a child only
// when its props change, the counterpart of React.memo).
import { messageText, type ThreadMessage } from '@skein/core'
import { useThread } from '@skein/vue'
import { createApp, defineComponent, h, onMounted, onUpdated, type PropType } from 'vue'
import type { MountChat } from './renderProbe.ts'

/** Mounts the Vue chat; one probe commit per mount or update of the chat component. */
export const mountVueChat: MountChat = (container, setup, probe) => {
  const Row = defineComponent({
    props: { message: { type: Object as PropType<ThreadMessage>, required: true } },
    setup(props) {
      return () => {
        probe.row(props.message)
        return h('li', { 'data-id': props.message.id }, messageText(props.message))
      }
    },
  })
  const Chat = defineComponent({
    setup() {
      // biome-ignore lint/correctness/useHookAtTopLevel: a Vue composable called in setup(), not a React hook
      const { messages } = useThread(setup.threadId, { client: setup.client, assistantId: setup.assistantId })
      const report = (): void => probe.commit(messages.value)
      onMounted(report)
      onUpdated(report)
      return () =>
        h(
          'ul',
          messages.value.map((message) => h(Row, { key: message.id, message })),
        )
    },
  })
  const app = createApp(Chat)
  app.mount(container)
  return () => app.unmount()
}
