import type { Client } from '@skein/core'
import type { InjectionKey, Plugin } from 'vue'

/** Where the plugin provides the client; `useClient` injects it. */
export const clientKey: InjectionKey<Client> = Symbol('skein.client')

/** Options of the {@link skein} plugin. */
export interface SkeinPluginOptions {
  /** The client every `useThread` / `useRun` in the app uses unless it is given one of its own. */
  client: Client
}

/**
 * The Vue plugin: provides a client to `useThread`, `useRun` and `useClient` in the whole app.
 *
 * @example
 * ```ts
 * import { createClient } from '@skein/core'
 * import { skein } from '@skein/vue'
 *
 * createApp(App)
 *   .use(skein, { client: createClient({ baseURL: '/api/skein' }) })
 *   .mount('#app')
 * ```
 */
export const skein: Plugin<[SkeinPluginOptions]> = {
  install(app, options) {
    if (options?.client === undefined) {
      throw new TypeError(
        'app.use(skein, options): options.client is missing. Did you mean app.use(skein, { client })?',
      )
    }
    app.provide(clientKey, options.client)
  },
}
