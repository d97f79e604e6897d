// The public API of @skein/proxy: explicit named exports only.

export { DEFAULT_MAX_BODY_BYTES } from './body.ts'
export { createProxy } from './createProxy.ts'
export type { ProxyErrorBody } from './errors.ts'
export type {
  LimitContext,
  LimitDecision,
  ProxyCaller,
  ProxyHandler,
  ProxyOptions,
} from './options.ts'
export type { OwnerCacheOptions } from './ownership.ts'
export { OVERRIDE_FIELDS, OWNER_KEY } from './policy.ts'
export type { RouteName } from './routes.ts'
export type { UpstreamOptions } from './upstream.ts'
