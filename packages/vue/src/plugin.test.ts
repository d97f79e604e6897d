import type { Client } from '@skein/core'
import { describe, expect, it } from 'vitest'
import { createApp, defineComponent, effectScope, h } from 'vue'
import { skein } from './plugin.ts'
import { useClient } from './useClient.ts'

const client = { name: 'provided' } as unknown as Client
const other = { name: 'explicit' } as unknown as Client

function clientInApp(explicit?: Client): Client | undefined {
  let seen: Client | undefined
  const Probe = defineComponent({
    setup() {
      seen = useClient(explicit)
      return () => h('i')
    },
  })
  const app = createApp(Probe).use(skein, { client })
  app.mount(document.createElement('div'))
  app.unmount()
  return seen
}

describe('skein', () => {
  it('provides its client to useClient in the app', () => {
    expect(clientInApp()).toBe(client)
  })

  it('throws a TypeError with a hint when installed without a client', () => {
    // @ts-expect-error the options are required
    expect(() => createApp({}).use(skein)).toThrow(/app\.use\(skein, \{ client \}\)/)
  })
})

describe('useClient', () => {
  it('prefers an explicit client over the plugin', () => {
    expect(clientInApp(other)).toBe(other)
  })

  it('throws a TypeError with a hint outside an app without a client', () => {
    const scope = effectScope()
    expect(() => scope.run(() => useClient())).toThrow(TypeError)
    scope.stop()
  })
})
