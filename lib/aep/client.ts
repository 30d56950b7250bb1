import 'server-only'
import type { AepConfig } from '@/lib/config/schema'
import { createCircuitBreaker } from './breaker'
import { createCatalogApi, type CatalogApi } from './catalog'
import { createDataAccessApi, type DataAccessApi } from './data-access'
import { createPlatformHttp } from './http'
import { defaultDeps, defaultOptions, type AepClientOptions, type AepDeps } from './options'
import { createSandboxesApi, type SandboxesApi } from './sandboxes'
import { createSegmentationApi, type SegmentationApi } from './segmentation'
import { createTokenCache } from './token'

export interface AepClient {
  sandboxes: SandboxesApi
  catalog: CatalogApi
  dataAccess: DataAccessApi
  segmentation: SegmentationApi
}

/**
 * Builds the adapter: one token cache, one circuit breaker and one HTTP helper shared by every API below.
 * `deps` and `options` exist for tests (fake fetch, fake clock, short timeouts); the app uses `aep()`.
 */
export function createAepClient(config: AepConfig, deps: Partial<AepDeps> = {}, options: Partial<AepClientOptions> = {}): AepClient {
  const fullDeps: AepDeps = { ...defaultDeps, ...deps }
  const fullOptions: AepClientOptions = { ...defaultOptions, ...options }
  const tokens = createTokenCache(config, fullDeps, fullOptions)
  const breaker = createCircuitBreaker({
    windowMs: fullOptions.breakerWindowMs,
    minRequests: fullOptions.breakerMinRequests,
    failureRatio: fullOptions.breakerFailureRatio,
    resetMs: fullOptions.breakerResetMs,
    now: fullDeps.now,
  })
  const http = createPlatformHttp(config, fullDeps, fullOptions, tokens, breaker)
  const limits = { maxPages: fullOptions.maxPages }
  return {
    sandboxes: createSandboxesApi(http),
    catalog: createCatalogApi(http, limits),
    dataAccess: createDataAccessApi(http, limits),
    segmentation: createSegmentationApi(http, limits),
  }
}
