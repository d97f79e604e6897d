import { hasInjectionContext, type InjectionKey, inject } from 'vue'

/**
 * What the app provides under `key`, or null when there is none. Outside setup (an `effectScope`, a plain function)
 * there is nothing to inject from, and `inject` would only warn, so it is not called there.
 *
 * @param key - the injection key
 * @returns the provided value, or null
 */
export const injected = <T>(key: InjectionKey<T>): T | null => (hasInjectionContext() ? inject(key, null) : null)
