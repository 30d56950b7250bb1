// The AEP simulator's HTTP server: IMS (client credentials + OIDC sign-in) and the Platform APIs on one origin.
// See ../README.md for what it serves and where it departs from Adobe.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadOrGenerateWorld, writeExportBatch } from '../data/index'
import type { Scale, World } from '../model'
import { ADMIN_PREFIX, handleAdmin } from './admin'
import { HttpError, serviceError } from './errors'
import { ExportJobStore } from './export-jobs'
import { faultError, limitBody } from './fault-response'
import { FaultStore } from './faults'
import { DEFAULT_TOKEN_TTL_SECONDS, handleTokenEndpoint, TokenStore } from './ims'
import { handleInteraction } from './interactions'
import { createOidc, IMS_PREFIX } from './oidc'
import { createPlatform } from './platform'
import { RequestLog } from './request-log'
import { sendJson } from './respond'
import { SegmentJobStore } from './segmentation'
import { SimulatorState } from './state'

export interface SimulatorOptions {
  host?: string
  /** 0 picks any free port. */
  port?: number
  dataDir: string
  seed?: string
  scale?: Scale
  /** Origins of the app, for the OIDC client's redirect URIs. */
  appOrigins?: string[]
  log?: (msg: string) => void
}

export interface Simulator {
  /** The origin, e.g. `http://127.0.0.1:4010`; also the OIDC issuer. */
  url: string
  world: World
  close(): Promise<void>
}

export const DEFAULT_APP_ORIGINS = ['http://127.0.0.1:3000', 'http://localhost:3000']

export async function createSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const log = opts.log ?? (() => undefined)
  const world = await loadOrGenerateWorld({ dataDir: opts.dataDir, seed: opts.seed, scale: opts.scale, log })
  const state = new SimulatorState(world, opts.dataDir)
  const tokens = new TokenStore()
  const faults = new FaultStore()
  const requests = new RequestLog()
  const segmentJobs = new SegmentJobStore()
  const exportJobs = new ExportJobStore(state, writeExportBatch, log)

  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined
  const server = createServer((req, res) => {
    if (handler) void handler(req, res)
    else sendJson(res, 503, { error: 'starting' })
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const url = originOf(host, (server.address() as AddressInfo).port)

  const oidc = createOidc({ issuer: url, appOrigins: opts.appOrigins ?? DEFAULT_APP_ORIGINS, log })
  const platform = createPlatform({ state, tokens, segmentJobs, exportJobs, baseUrl: url })

  const route = async (req: IncomingMessage, res: ServerResponse, target: URL, tokenTtl: number): Promise<void> => {
    const p = target.pathname
    if (p === `${IMS_PREFIX}/token/v3` && req.method === 'POST') {
      return handleTokenEndpoint(req, res, target, { tokens, ttlSeconds: tokenTtl, forwardToOidc: (body) => oidc.handle(req, res, body) })
    }
    if (await handleInteraction(req, res, target, oidc)) return
    if (p === IMS_PREFIX || p.startsWith(`${IMS_PREFIX}/`)) return oidc.handle(req, res)
    if (p === '/data' || p.startsWith('/data/')) return platform(req, res, target)
    if (p === '/') return sendJson(res, 200, { name: 'Score Explorer AEP simulator', issuer: url, ims: `${url}${IMS_PREFIX}`, platform: url })
    throw serviceError(404, `No such resource: ${p}`, 'GW', 'Not Found')
  }

  handler = async (req, res) => {
    let target: URL
    try {
      target = new URL(req.url ?? '/', url)
    } catch {
      return sendJson(res, 400, { error: 'bad request target' })
    }
    if (target.pathname === ADMIN_PREFIX || target.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      return handleAdmin(req, res, target, { faults, requests }).catch((err: unknown) => fail(res, err, log))
    }
    const pathWithQuery = target.pathname + target.search
    requests.record(req, res, pathWithQuery)
    try {
      const plan = faults.plan(pathWithQuery)
      if (plan.latencyMs > 0) await sleep(plan.latencyMs)
      if (plan.status) throw faultError(target.pathname, plan.status)
      if (plan.body && req.method !== 'HEAD') limitBody(res, plan.body)
      await route(req, res, target, plan.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS)
    } catch (err) {
      fail(res, err, log)
    }
  }

  log(`simulator: listening on ${url}`)
  return {
    url,
    world,
    async close() {
      handler = undefined
      await exportJobs.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Stalled responses and keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections()
      })
    },
  }
}

function fail(res: ServerResponse, err: unknown, log: (msg: string) => void): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (err instanceof HttpError) return sendJson(res, err.status, err.body, err.headers)
  log(`simulator: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  const { status, body } = serviceError(500, 'An unexpected error occurred in the simulator.', 'GW', 'Internal Server Error')
  sendJson(res, status, body)
}

function originOf(host: string, port: number): string {
  // A wildcard address is not something a client can be sent to; loopback is where it answers.
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}
