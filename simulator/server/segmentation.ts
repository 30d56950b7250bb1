// Segment definitions and segment jobs, `/data/core/ups/segment/...` (aep-api.md §4.2).
// Job states are computed from the creation time on each read, so no timers are needed.
import { z } from 'zod'
import type { SandboxRecord, SegmentRecord } from '../model'
import type { ApiContext } from './context'
import { badRequest, notFound } from './errors'
import { uuid } from './ids'
import { readJson, sendJson } from './respond'
import { Router } from './router'
import type { SimulatorState } from './state'
import { PROFILE_SCHEMA, intParam, mergePolicyId, pqlExpression, sandboxInfo, stableUuid } from './ups-common'
import { parseWith } from './validation'

type SegmentJobStatus = 'NEW' | 'QUEUED' | 'PROCESSING' | 'CANCELLED' | 'SUCCEEDED'

/** Milliseconds after creation at which a segment job enters each state. */
const SEGMENT_JOB_TIMELINE: [number, SegmentJobStatus][] = [
  [0, 'NEW'],
  [500, 'QUEUED'],
  [1000, 'PROCESSING'],
  [2500, 'SUCCEEDED'],
]

interface SegmentJob {
  id: string
  computeJobId: number
  sandbox: SandboxRecord
  segments: SegmentRecord[]
  createdAt: number
  cancelledAt?: number
  requestId: string
}

export class SegmentJobStore {
  readonly jobs: SegmentJob[] = []
  private nextComputeJobId = 1

  create(sandbox: SandboxRecord, segments: SegmentRecord[], now: number): SegmentJob {
    const job: SegmentJob = { id: uuid(), computeJobId: this.nextComputeJobId++, sandbox, segments, createdAt: now, requestId: uuid() }
    this.jobs.push(job)
    return job
  }

  find(sandbox: string, id: string): SegmentJob | undefined {
    return this.jobs.find((j) => j.sandbox.name === sandbox && j.id === id)
  }
}

function statusAt(job: SegmentJob, now: number): SegmentJobStatus {
  let status: SegmentJobStatus = 'NEW'
  for (const [at, s] of SEGMENT_JOB_TIMELINE) if (now - job.createdAt >= at) status = s
  if (job.cancelledAt !== undefined && status !== 'SUCCEEDED') return 'CANCELLED'
  return status
}

const createJobsBody = z.array(z.object({ segmentId: z.string().min(1).max(128) })).min(1).max(100)

export function segmentationRouter(jobs: SegmentJobStore): Router<ApiContext> {
  return new Router<ApiContext>('UPS')
    .get('/segment/definitions', (ctx) => {
      const q = ctx.url.searchParams
      const limit = intParam(q, 'limit', 100, 1, 100)
      const start = intParam(q, 'start', 0, 0, Number.MAX_SAFE_INTEGER)
      const all = ctx.state.segmentsIn(ctx.caller.sandbox.name).slice().sort((a, b) => b.created - a.created)
      const items = all.slice(start, start + limit)
      sendJson(ctx.res, 200, {
        segments: items.map((s) => definitionWire(ctx.state, ctx.caller.sandbox, s)),
        page: {
          totalCount: all.length,
          totalPages: Math.ceil(all.length / limit),
          sortField: 'creationTime',
          sort: 'desc',
          pageSize: items.length,
          limit,
        },
        link: { next: start + limit < all.length ? `/segment/definitions?start=${start + limit}&limit=${limit}` : '' },
      })
    })
    .get('/segment/definitions/:id', (ctx, { id = '' }) => {
      const s = ctx.state.segment(ctx.caller.sandbox.name, id)
      if (!s) throw notFound('UPS', `Segment definition '${id}' was not found.`)
      sendJson(ctx.res, 200, definitionWire(ctx.state, ctx.caller.sandbox, s))
    })
    .post('/segment/jobs', async (ctx) => {
      const body = parseWith(createJobsBody, await readJson(ctx.req, 'UPS'), 'UPS')
      const segments = body.map(({ segmentId }) => {
        const s = ctx.state.segment(ctx.caller.sandbox.name, segmentId)
        if (!s) throw badRequest('UPS', `Segment definition '${segmentId}' was not found in sandbox '${ctx.caller.sandbox.name}'.`)
        return s
      })
      const job = jobs.create(ctx.caller.sandbox, segments, Date.now())
      sendJson(ctx.res, 200, jobWire(ctx.state, job, Date.now()))
    })
    .get('/segment/jobs', (ctx) => {
      const q = ctx.url.searchParams
      const limit = intParam(q, 'limit', 100, 1, 1000)
      const start = intParam(q, 'start', 0, 0, Number.MAX_SAFE_INTEGER)
      const now = Date.now()
      const wantedStatus = q.get('status')?.split(',').map((s) => s.trim().toUpperCase())
      const ascending = q.get('sort')?.toLowerCase() === 'creationtime:asc'
      const all = jobs.jobs
        .filter((j) => j.sandbox.name === ctx.caller.sandbox.name)
        .filter((j) => !wantedStatus || wantedStatus.includes(statusAt(j, now)))
        .sort((a, b) => (ascending ? a.createdAt - b.createdAt : b.createdAt - a.createdAt))
      const children = all.slice(start, start + limit).map((j) => jobWire(ctx.state, j, now))
      sendJson(ctx.res, 200, { _page: { totalCount: all.length, pageSize: children.length }, children })
    })
    .get('/segment/jobs/:id', (ctx, { id = '' }) => {
      const job = jobs.find(ctx.caller.sandbox.name, id)
      if (!job) throw notFound('UPS', `Segment job '${id}' was not found.`)
      sendJson(ctx.res, 200, jobWire(ctx.state, job, Date.now()))
    })
    .delete('/segment/jobs/:id', (ctx, { id = '' }) => {
      const job = jobs.find(ctx.caller.sandbox.name, id)
      if (!job) throw notFound('UPS', `Segment job '${id}' was not found.`)
      job.cancelledAt ??= Date.now()
      // Adobe documents "204 with" this body; a 204 cannot carry one, so the simulator answers 200.
      sendJson(ctx.res, 200, { status: true, message: `Segment job with id '${id}' has been marked for cancelling` })
    })
}

function definitionWire(state: SimulatorState, sandbox: SandboxRecord, s: SegmentRecord) {
  return {
    id: s.id,
    schema: { name: PROFILE_SCHEMA },
    ttlInDays: 30,
    profileInstanceId: 'ups',
    imsOrgId: state.orgId,
    sandbox: sandboxInfo(sandbox),
    name: s.name,
    description: s.description,
    expression: pqlExpression(s),
    evaluationInfo: { batch: { enabled: true }, continuous: { enabled: false }, synchronous: { enabled: false } },
    dataGovernancePolicy: { excludeOptOut: true },
    mergePolicyId: mergePolicyId(sandbox.name),
    lifecycleState: 'published',
    dependents: [],
    dependencies: [],
    creationTime: s.created,
    updateEpoch: Math.floor(s.updated / 1000),
    updateTime: s.updated,
  }
}

/** Profiles a segment qualifies: a stable share of the latest successful run's records. */
function profilesFor(state: SimulatorState, s: SegmentRecord): { total: number; segmented: number } {
  const latest = state
    .batchesOf(s.sandbox, s.datasetId)
    .filter((b) => b.status === 'success')
    .sort((a, b) => b.created - a.created)[0]
  const total = latest?.recordCount ?? 0
  const share = 0.1 + (parseInt(stableUuid(s.id).slice(0, 4), 16) / 0xffff) * 0.3
  return { total, segmented: Math.round(total * share) }
}

function jobWire(state: SimulatorState, job: SegmentJob, now: number) {
  const status = statusAt(job, now)
  const done = status === 'SUCCEEDED'
  const end = job.createdAt + (SEGMENT_JOB_TIMELINE[SEGMENT_JOB_TIMELINE.length - 1]?.[0] ?? 0)
  const counts = job.segments.map((s) => ({ id: s.id, ...profilesFor(state, s) }))
  const href = `/segment/jobs/${job.id}`
  return {
    profileInstanceId: 'ups',
    computeJobId: job.computeJobId,
    id: job.id,
    status,
    sandbox: sandboxInfo(job.sandbox),
    source: 'api',
    modelName: PROFILE_SCHEMA,
    requestId: job.requestId,
    segments: job.segments.map((s) => ({
      segmentId: s.id,
      segment: { id: s.id, version: 1, expression: pqlExpression(s), mergePolicy: { id: mergePolicyId(s.sandbox), version: 1 } },
    })),
    errors: [],
    metrics: done
      ? {
          totalTime: { startTimeInMs: job.createdAt, endTimeInMs: end, totalTimeInMs: end - job.createdAt },
          profileSegmentationTime: { startTimeInMs: job.createdAt + 1000, endTimeInMs: end, totalTimeInMs: end - job.createdAt - 1000 },
          totalProfiles: Math.max(0, ...counts.map((c) => c.total)),
          segmentedProfileCounter: Object.fromEntries(counts.map((c) => [c.id, c.segmented])),
          segmentedProfileByNamespaceCounter: Object.fromEntries(counts.map((c) => [c.id, { ECID: c.segmented }])),
        }
      : { totalTime: { startTimeInMs: job.createdAt } },
    creationTime: job.createdAt,
    updateTime: Math.min(now, done ? end : now),
    updateEpoch: Math.floor(Math.min(now, done ? end : now) / 1000),
    imsOrgId: state.orgId,
    _links: { cancel: { href, method: 'DELETE' }, checkStatus: { href, method: 'GET' } },
  }
}
