// The /data side: gateway checks first, then the API area that owns the path.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CATALOG_BASE, catalogRouter } from './catalog'
import type { ApiContext } from './context'
import { EXPORT_BASE, dataAccessRouter } from './data-access'
import { notFound } from './errors'
import type { ExportJobStore } from './export-jobs'
import { exportJobsRouter } from './export-routes'
import { checkGateway } from './gateway'
import type { TokenStore } from './ims'
import { requestOrigin } from './respond'
import type { Router } from './router'
import { SANDBOX_BASE, sandboxesRouter } from './sandboxes'
import { segmentationRouter, type SegmentJobStore } from './segmentation'
import type { SimulatorState } from './state'
import { UPS_BASE } from './ups-common'

interface Area {
  base: string
  routers: Router<ApiContext>[]
  ignoreSandboxHeader?: boolean
}

export interface PlatformDeps {
  state: SimulatorState
  tokens: TokenStore
  segmentJobs: SegmentJobStore
  exportJobs: ExportJobStore
  /** The listening URL, for links when a request has no usable Host header. */
  baseUrl: string
}

export function createPlatform(deps: PlatformDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const areas: Area[] = [
    { base: CATALOG_BASE, routers: [catalogRouter()] },
    { base: EXPORT_BASE, routers: [dataAccessRouter()] },
    { base: SANDBOX_BASE, routers: [sandboxesRouter()], ignoreSandboxHeader: true },
    { base: UPS_BASE, routers: [segmentationRouter(deps.segmentJobs), exportJobsRouter(deps.exportJobs)] },
  ]
  return async (req, res, url) => {
    const area = areas.find((a) => url.pathname === a.base || url.pathname.startsWith(`${a.base}/`))
    const caller = checkGateway(req, deps.state, deps.tokens, { ignoreSandboxHeader: area?.ignoreSandboxHeader })
    if (!area) throw notFound('GW', `No API at ${url.pathname}.`)
    const ctx: ApiContext = { req, res, url, origin: requestOrigin(req, deps.baseUrl), state: deps.state, caller }
    const path = url.pathname.slice(area.base.length) || '/'
    const method = req.method ?? 'GET'
    const match = matchAny(area.routers, method, path)
    await match.handler(ctx, match.params)
  }
}

/** Tries each router of an area; a 404 from one lets the next try, other errors (405) stand. */
function matchAny(routers: Router<ApiContext>[], method: string, path: string): ReturnType<Router<ApiContext>['match']> {
  let firstError: unknown
  for (const router of routers) {
    try {
      return router.match(method, path)
    } catch (err) {
      const notFoundError = err instanceof Error && 'status' in err && err.status === 404
      if (!notFoundError) throw err
      firstError ??= err
    }
  }
  throw firstError
}
