// Profile export jobs (aep-api.md §4.3): NEW -> PROCESSING (~1 s) -> SUCCEEDED (~3.5 s) with a new batch in the
// target dataset, or FAILED for a segment marked `failsOnExport`. The batch's files are written by the data
// generator once the job starts processing; the batch appears in Catalog (status success) at the moment the
// job reports SUCCEEDED. The HTTP side is in export-routes.ts.
import { rm, rmdir } from 'node:fs/promises'
import { dirname, resolve, sep } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BatchRecord, PartFileRecord, SandboxRecord, SegmentRecord } from '../model'
import type { writeExportBatch } from '../data/export-batch'
import { uuid } from './ids'
import type { SimulatorState } from './state'

/** Writes the batch an export job produces (simulator/data/export-batch.ts); tests pass their own. */
export type WriteExportBatch = typeof writeExportBatch

export type ExportStatus = 'NEW' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED'

export const PROCESSING_AFTER_MS = 1000
const FINISHED_AFTER_MS = 3500
/** Adobe's documented error code on failed export jobs. */
const EXPORT_FAILED_CODE = '0090000009'

/** What the job keeps of its request (validated in export-routes.ts). */
export interface ExportJobRequest {
  fields?: string
  mergePolicy?: { id: string; version: number }
  filter?: Record<string, unknown>
  schema: { name: string }
  destination: { segmentPerBatch?: boolean }
}

export interface Output {
  segment: SegmentRecord
  statuses: string[]
  batchId: string
}

export interface ExportJob {
  id: number
  sandbox: SandboxRecord
  createdAt: number
  body: ExportJobRequest
  datasetId: string
  segmentPerBatch: boolean
  outputs: Output[]
  requestId: string
  processingStartedAt?: number
  finishedAt?: number
  error?: { code: string; msg: string }
  computeGatewayJobId: { exportJob: string; pushJob: string }
}

export class ExportJobStore {
  private readonly jobs = new Map<number, ExportJob>()
  private nextId = 24115
  private readonly stop = new AbortController()
  private readonly running = new Set<Promise<void>>()
  private readonly written: PartFileRecord[] = []

  constructor(
    private readonly state: SimulatorState,
    private readonly write: WriteExportBatch,
    private readonly log: (msg: string) => void,
  ) {}

  create(sandbox: SandboxRecord, body: ExportJobRequest, datasetId: string, outputs: Output[], now: number): ExportJob {
    const job: ExportJob = {
      id: this.nextId++,
      sandbox,
      createdAt: now,
      body,
      datasetId,
      segmentPerBatch: body.destination.segmentPerBatch ?? false,
      outputs,
      requestId: uuid(),
      computeGatewayJobId: { exportJob: uuid(), pushJob: uuid() },
    }
    this.jobs.set(job.id, job)
    const run = this.run(job).catch((err: unknown) => this.log(`simulator: export job ${job.id} crashed: ${String(err)}`))
    this.running.add(run)
    void run.finally(() => this.running.delete(run))
    return job
  }

  find(sandbox: string, id: number): ExportJob | undefined {
    const job = this.jobs.get(id)
    return job && job.sandbox.name === sandbox ? job : undefined
  }

  list(sandbox: string): ExportJob[] {
    return [...this.jobs.values()].filter((j) => j.sandbox.name === sandbox)
  }

  cancel(job: ExportJob): void {
    if (job.finishedAt !== undefined) return
    job.finishedAt = Date.now()
    job.error = { code: 'CANCELLED', msg: 'The export job was cancelled.' }
  }

  /**
   * Stops pending jobs, waits for files being written, then deletes what the jobs wrote: their datasets and
   * batches live in memory only, so after a restart the files would be orphans.
   */
  async close(): Promise<void> {
    this.stop.abort()
    await Promise.allSettled([...this.running])
    const root = resolve(this.state.dataDir)
    const dirs = new Set<string>()
    for (const part of this.written.splice(0)) {
      const abs = resolve(root, part.relPath)
      await rm(abs, { force: true })
      for (let dir = dirname(abs); dir.startsWith(`${root}${sep}`); dir = dirname(dir)) dirs.add(dir)
    }
    // Deepest first; rmdir refuses a directory that still holds something, which therefore stays.
    for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined)
  }

  private async run(job: ExportJob): Promise<void> {
    const signal = this.stop.signal
    if (!(await wait(job.createdAt + PROCESSING_AFTER_MS - Date.now(), signal)) || job.finishedAt !== undefined) return
    job.processingStartedAt = Date.now()
    const failing = job.outputs.find((o) => o.segment.failsOnExport)
    const batches: BatchRecord[] = []
    let error: ExportJob['error']
    if (failing) {
      error = { code: EXPORT_FAILED_CODE, msg: `Profile export for segment '${failing.segment.name}' failed while writing to dataset ${job.datasetId}.` }
    } else {
      try {
        for (const out of job.outputs) batches.push(await this.writeBatch(job, out))
      } catch (err) {
        this.log(`simulator: export job ${job.id} could not write its batch: ${String(err)}`)
        error = { code: EXPORT_FAILED_CODE, msg: 'Writing the exported profiles to the target dataset failed.' }
      }
    }
    if (!(await wait(job.createdAt + FINISHED_AFTER_MS - Date.now(), signal)) || job.finishedAt !== undefined) return
    const finishedAt = Date.now()
    for (const b of batches) {
      b.completed = finishedAt
      b.updated = finishedAt
      this.state.addBatch(b)
    }
    job.error = error
    job.finishedAt = finishedAt
  }

  private async writeBatch(job: ExportJob, out: Output): Promise<BatchRecord> {
    const started = job.processingStartedAt ?? Date.now()
    const group = await this.write({
      dataDir: this.state.dataDir,
      world: this.state.currentWorld(),
      segment: out.segment,
      targetDatasetId: job.datasetId,
      batchId: out.batchId,
      now: started,
    })
    this.written.push(...group.parts)
    const records = group.parts.reduce((n, p) => n + p.records, 0)
    const bytes = group.parts.reduce((n, p) => n + p.length, 0)
    return {
      sandbox: job.sandbox.name,
      id: out.batchId,
      datasetId: job.datasetId,
      status: 'success',
      created: started,
      started,
      updated: started,
      createdClient: 'acp_ups_export',
      createdUser: 'acp_ups@AdobeID',
      updatedUser: 'acp_foundation_dataTracker@AdobeID',
      version: '1.0.3',
      recordCount: records,
      size: bytes,
      metrics: {
        inputRecordCount: records,
        outputRecordCount: records,
        outputByteSize: bytes,
        outputFileCount: group.parts.length,
        partitionCount: 1,
      },
      errors: [],
      tags: {},
      files: [group],
    }
  }
}

/** Sleeps unless the store closes first; false means "stop". */
async function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    if (ms > 0) await sleep(ms, undefined, { signal })
    return !signal.aborted
  } catch {
    return false
  }
}

export function statusOf(job: ExportJob, now: number): ExportStatus {
  if (job.finishedAt !== undefined) return job.error ? 'FAILED' : 'SUCCEEDED'
  return now - job.createdAt >= PROCESSING_AFTER_MS ? 'PROCESSING' : 'NEW'
}

