// The response cache of the pages: replies are kept in localStorage (through unstorage), so asking the same thing in a
// new thread, even after a reload, is answered from the cache — with a "cached" badge and no run upstream.
import { createResponseCache, type ResponseCache } from '@skein/core'
import { createStorage } from 'unstorage'
import localStorageDriver from 'unstorage/drivers/localstorage'

/**
 * Creates the playground's response cache.
 *
 * @returns a cache over localStorage (memory when localStorage is unavailable)
 */
export function createPlaygroundCache(): ResponseCache {
  const storage =
    typeof localStorage === 'undefined'
      ? createStorage()
      : createStorage({ driver: localStorageDriver({ base: 'skein.playground.cache' }) })
  return createResponseCache({ storage, ttl: 24 * 60 * 60 })
}
