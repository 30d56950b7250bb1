import 'server-only'
import type { PlatformHttp } from './http'
import { apiPath } from './paths'
import { reshapeSandbox } from './reshape/sandboxes'
import type { CallOptions, Sandbox } from './types'
import { wireSandboxList } from './wire/sandboxes'

export interface SandboxesApi {
  /** The sandboxes available to the server credential (not every sandbox of the organisation). */
  list(options?: CallOptions): Promise<Sandbox[]>
}

export function createSandboxesApi(http: PlatformHttp): SandboxesApi {
  return {
    async list(options = {}) {
      const answer = await http.json(
        {
          method: 'GET',
          // The base path itself (not `/sandboxes`): only the sandboxes this credential may use.
          target: apiPath`/data/foundation/sandbox-management/`,
          what: 'sandbox list',
          surface: 'aep',
          signal: options.signal,
        },
        wireSandboxList,
      )
      return answer.sandboxes.map(reshapeSandbox)
    },
  }
}
