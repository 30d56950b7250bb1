import 'server-only'
import { aepConfig } from '@/lib/env'
import { createAepClient, type AepClient } from './client'

// The public face of lib/aep: the client and our domain types. Adobe's wire shapes never leave this folder.

export { createAepClient, type AepClient } from './client'
export type { CatalogApi } from './catalog'
export type { DataAccessApi } from './data-access'
export type { SandboxesApi } from './sandboxes'
export type { SegmentationApi } from './segmentation'
export type { AepClientOptions, AepDeps } from './options'
export { RangeNotSatisfiableError } from './range-error'
export type * from './types'

// Kept on globalThis so that Next's dev server, which re-evaluates modules on edits, still shares one token cache
// and one circuit breaker per process instead of collecting new ones.
const clientKey = Symbol.for('score-explorer.aep-client')
type ClientHolder = { [clientKey]?: AepClient }

/** The process-wide client, built on first use from the validated configuration (lib/env.ts). */
export function aep(): AepClient {
  const holder = globalThis as ClientHolder
  holder[clientKey] ??= createAepClient(aepConfig())
  return holder[clientKey]
}
