// Profile export jobs over HTTP, `/data/core/ups/export/jobs` (aep-api.md §4.3).
import { z } from 'zod'
import type { ApiContext } from './context'
import { badRequest, notFound } from './errors'
import { type ExportJob, type ExportJobStore, PROCESSING_AFTER_MS, statusOf } from './export-jobs'
import { batchId } from './ids'
import { readJson, sendJson } from './respond'
import { Router } from './router'
import type { SimulatorState } from './state'
import { PROFILE_SCHEMA, intParam, mergePolicyId } from './ups-common'
import { parseWith } from './validation'

const segmentStatus = z.enum(['realized', 'existing', 'exited'])
const createExportBody = z.object({
  fields: z.string().max(10_000).optional(),
  mergePolicy: z.object({ id: z.string().min(1), version: z.number().int() }).optional(),
  filter: z
    .object({
      segments: z
        .array(z.object({ segmentId: z.string().min(1), segmentNs: z.string().optional(), status: z.array(segmentStatus).optional() }))
        .max(100)
        .optional(),
      segmentQualificationTime: z.object({ startTime: z.string().optional(), endTime: z.string().optional() }).optional(),
      fromIngestTimestamp: z.string().optional(),
      emptyProfiles: z.boolean().optional(),
    })
    .optional(),
  additionalFields: z.record(z.string(), z.unknown()).optional(),
  // Both spellings appear in Adobe's docs.
  destination: z.object({ datasetId: z.string().optional(), dataSetId: z.string().optional(), segmentPerBatch: z.boolean().optional() }),
  schema: z.object({ name: z.literal(PROFILE_SCHEMA) }),
})

const cursorOf = (job: ExportJob) => `${job.createdAt}_${job.id}`

export function exportJobsRouter(jobs: ExportJobStore): Router<ApiContext> {
  return new Router<ApiContext>('UPS')
    .post('/export/jobs', async (ctx) => {
      const body = parseWith(createExportBody, await readJson(ctx.req, 'UPS'), 'UPS')
      const sandbox = ctx.caller.sandbox
      const datasetId = body.destination.datasetId ?? body.destination.dataSetId
      if (!datasetId) throw badRequest('UPS', 'destination.datasetId is required.')
      if (!ctx.state.dataset(sandbox.name, datasetId)) throw badRequest('UPS', `Destination dataset '${datasetId}' was not found in sandbox '${sandbox.name}'.`)
      const filters = body.filter?.segments ?? []
      // Adobe can export every profile; the simulator's data exists per segment, so it needs at least one.
      if (filters.length === 0) throw badRequest('UPS', 'The simulator needs filter.segments with at least one segmentId.')
      const perBatch = body.destination.segmentPerBatch ?? false
      const shared = batchId()
      const outputs = filters.map((f) => {
        const segment = ctx.state.segment(sandbox.name, f.segmentId)
        if (!segment) throw badRequest('UPS', `Segment '${f.segmentId}' was not found in sandbox '${sandbox.name}'.`)
        return { segment, statuses: f.status ?? ['realized', 'existing'], batchId: perBatch ? batchId() : shared }
      })
      // Without segmentPerBatch every segment lands in one batch: the writer is asked once, for the first.
      const job = jobs.create(sandbox, body, datasetId, perBatch ? outputs : outputs.slice(0, 1), Date.now())
      sendJson(ctx.res, 200, exportJobWire(ctx.state, job, Date.now()))
    })
    .get('/export/jobs', (ctx) => {
      const q = ctx.url.searchParams
      const limit = intParam(q, 'limit', 20, 1, 100)
      const now = Date.now()
      const wanted = q.get('status')?.toUpperCase()
      const offset = q.get('offset')
      const cursor = offset ? parseCursor(offset) : undefined
      const all = jobs
        .list(ctx.caller.sandbox.name)
        .filter((j) => !wanted || statusOf(j, now) === wanted)
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
        .filter((j) => !cursor || j.createdAt < cursor.createdAt || (j.createdAt === cursor.createdAt && j.id < cursor.id))
      const records = all.slice(0, limit)
      const last = records[records.length - 1]
      sendJson(ctx.res, 200, {
        records: records.map((j) => exportJobWire(ctx.state, j, now)),
        page: { sortField: 'createdTime', sort: 'desc', pageOffset: last ? cursorOf(last) : (offset ?? ''), pageSize: records.length },
        link: all.length > limit && last ? { next: `/export/jobs/?limit=${limit}&offset=${cursorOf(last)}` } : {},
      })
    })
    .get('/export/jobs/:id', (ctx, { id = '' }) => {
      sendJson(ctx.res, 200, exportJobWire(ctx.state, findJob(jobs, ctx, id), Date.now()))
    })
    .delete('/export/jobs/:id', (ctx, { id = '' }) => {
      jobs.cancel(findJob(jobs, ctx, id))
      sendJson(ctx.res, 200, { status: true, message: 'Export job has been marked for cancelling' })
    })
}

function findJob(jobs: ExportJobStore, ctx: ApiContext, id: string): ExportJob {
  const job = /^\d+$/.test(id) ? jobs.find(ctx.caller.sandbox.name, Number(id)) : undefined
  if (!job) throw notFound('UPS', `Export job '${id}' was not found.`)
  return job
}

function parseCursor(raw: string): { createdAt: number; id: number } {
  const m = /^(\d+)_(\d+)$/.exec(raw)
  if (!m) throw badRequest('UPS', `Invalid offset '${raw}'.`)
  return { createdAt: Number(m[1]), id: Number(m[2]) }
}

function exportJobWire(state: SimulatorState, job: ExportJob, now: number) {
  const status = statusOf(job, now)
  const failed = status === 'FAILED'
  const done = job.finishedAt !== undefined
  const span = (start: number, end: number | undefined) =>
    end === undefined ? { startTimeInMs: start } : { startTimeInMs: start, endTimeInMs: end, totalTimeInMs: end - start }
  const processing = job.processingStartedAt ?? job.createdAt + PROCESSING_AFTER_MS
  const destination = job.segmentPerBatch
    ? {
        datasetId: job.datasetId,
        segmentPerBatch: true,
        batches: job.outputs.map((o) => ({ segmentId: o.segment.id, segmentNs: 'ups', status: o.statuses, batchId: failed ? '' : o.batchId })),
      }
    : { datasetId: job.datasetId, segmentPerBatch: false, batchId: failed ? '' : (job.outputs[0]?.batchId ?? '') }
  return {
    id: job.id,
    jobType: 'BATCH',
    destination,
    fields: job.body.fields,
    schema: job.body.schema,
    imsOrgId: state.orgId,
    status,
    filter: job.body.filter,
    mergePolicy: job.body.mergePolicy ?? { id: mergePolicyId(job.sandbox.name), version: 1 },
    profileInstanceId: 'ups',
    errors: failed && job.error ? [{ ...job.error, callStack: '' }] : [],
    metrics: done
      ? {
          totalTime: span(job.createdAt, job.finishedAt),
          profileExportTime: span(processing, job.finishedAt),
          ...(failed ? {} : { aCPDatasetWriteTime: span(processing, job.finishedAt) }),
        }
      : { totalTime: span(job.createdAt, undefined) },
    computeGatewayJobId: status === 'NEW' ? {} : job.computeGatewayJobId,
    requestId: job.requestId,
    creationTime: job.createdAt,
    updateTime: job.finishedAt ?? (status === 'PROCESSING' ? processing : job.createdAt),
  }
}
