// An instance's score runs as Catalog batches: ids, times, replay chain, metrics, and the part files each
// successful run writes (planned here, written by generate.ts).
import type { BatchRecord, FileGroupRecord } from '../model'
import { batchId, sparkPartNames, uuid } from './ids'
import { partBoundaries, scanRun, type PopulationSpec } from './population'
import { at, Rng } from './prng'
import type { RunContext } from './rows'
import type { ScoreRule } from './segment-rule'
import type { InstanceSpec, RunSpec } from './spec'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** One part file to write: what generate.ts hands to a worker. Structured-cloneable. */
export interface PartTask {
  /** Relative to the data directory. */
  relPath: string
  tenant: string
  ctx: RunContext
  /** Profile-index range and the run-wide number of its first row. */
  from: number
  to: number
  firstRow: number
  /** Planned rows, checked against what the worker writes. */
  records: number
  /** Set for audience exports: only rows in the score bucket, written without system columns. */
  rule?: ScoreRule
}

export interface PlannedRuns {
  batches: BatchRecord[]
  tasks: PartTask[]
}

const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Row counts per part from relative weights; the last part takes the remainder. */
export function splitRows(count: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  const rows = weights.map((w) => Math.floor((count * w) / total))
  const assigned = rows.reduce((a, b) => a + b, 0)
  rows[rows.length - 1] = (rows[rows.length - 1] ?? 0) + count - assigned
  return rows
}

export function planRuns(opts: {
  seed: string
  now: number
  spec: InstanceSpec
  population: PopulationSpec
  datasetId: string
  tenant: string
  /** Directory of this world's files, relative to the data directory. */
  worldDir: string
}): PlannedRuns {
  const { spec, now } = opts
  const rng = new Rng(`${opts.seed}:runs:${spec.sandbox}:${spec.key}`)
  const period = spec.frequency === 'weekly' ? 7 * DAY : 30 * DAY
  const last = spec.runs.length - 1
  const batches: BatchRecord[] = []
  const tasks: PartTask[] = []
  let modelId = uuid(rng)

  spec.runs.forEach((run, r) => {
    // Scoring jobs start at about the same time of day; a few minutes of jitter keeps them from looking synthetic.
    const created = now - spec.lastRunHoursAgo * HOUR - (last - r) * period + rng.int(20 * 60_000)
    const id = batchId(rng, at(spec.idForms, r % spec.idForms.length), created)
    const started = created + 400 + rng.int(600)
    // The model is retrained every few runs.
    if (r % 3 === 0 && r > 0) modelId = uuid(rng)
    const previous = batches[batches.length - 1]
    const batch: BatchRecord = {
      sandbox: spec.sandbox,
      id,
      datasetId: opts.datasetId,
      status: run.status,
      created,
      started,
      updated: started + 1000,
      createdClient: 'acp_foundation_push',
      createdUser: 'sensei_exp_customerai@AdobeID',
      updatedUser: 'acp_foundation_dataTracker@AdobeID',
      externalId: id,
      version: `1.0.${2 + rng.int(6)}`,
      metrics: {},
      errors: run.errors ?? [],
      tags: { Tags: [`customer-ai:${spec.key}`], acp_requestType: ['push'] },
      files: [],
      ...(previous
        ? {
            replay: {
              predecessors: [previous.id],
              reason: `Replacing for ${dateOnly(previous.created)}`,
              predecessorListingType: 'IMMEDIATE' as const,
            },
          }
        : {}),
    }
    if (run.status === 'failure') {
      batch.completed = started + (2 + rng.int(5)) * 60_000
      batch.updated = batch.completed + 300 + rng.int(1200)
    }
    if (run.status === 'success') {
      const planned = planScoreFiles({ ...opts, rng, run, r, batchId: id, started, modelId })
      batch.files = [planned.group]
      batch.completed = planned.completed
      batch.updated = planned.completed + 300 + rng.int(1200)
      batch.recordCount = planned.records
      tasks.push(...planned.tasks)
    }
    batches.push(batch)
  })
  return { batches, tasks }
}

/** A successful run's part files: who is in the run, how the rows split into files, and what to write. */
function planScoreFiles(opts: {
  rng: Rng
  spec: InstanceSpec
  population: PopulationSpec
  run: RunSpec
  r: number
  batchId: string
  started: number
  modelId: string
  datasetId: string
  tenant: string
  worldDir: string
}): { group: FileGroupRecord; tasks: PartTask[]; completed: number; records: number } {
  const { rng, spec, population, run, r } = opts
  const scan = scanRun(population, r)
  const partRows = splitRows(scan.count, run.parts)
  if (run.minFirstPart !== undefined && (partRows[0] ?? 0) < run.minFirstPart) {
    throw new Error(`${spec.name} run ${r}: first part has ${partRows[0]} rows, below ${run.minFirstPart}`)
  }
  const bounds = partBoundaries(population, r, partRows)
  // Bigger runs take longer; the guide's example took seconds for 24,000 rows, ours take minutes.
  const completed = opts.started + (8 + rng.int(10)) * 60_000 + Math.round(scan.count / 50)
  const ctx: RunContext = {
    spec: population,
    run: r,
    instanceKey: spec.key,
    scoreDate: opts.started,
    modelId: opts.modelId,
    cuts: scan.cuts,
    batchId: opts.batchId,
    commitBatchId: batchId(rng, 'ulid', completed),
    trackingId: `cai-${uuid(rng)}`,
    ingestTime: completed - 30_000,
  }
  const group: FileGroupRecord = { dataSetFileId: `${opts.batchId}-1`, created: completed - 20_000, parts: [] }
  const dir = `${opts.worldDir}/datasets/${opts.datasetId}/${opts.batchId}/${group.dataSetFileId}`
  const names = sparkPartNames(rng, partRows.length)
  const tasks: PartTask[] = []
  let firstRow = 0
  partRows.forEach((records, p) => {
    const relPath = `${dir}/${at(names, p)}`
    group.parts.push({ name: at(names, p), relPath, length: 0, records })
    tasks.push({ relPath, tenant: opts.tenant, ctx, from: at(bounds, p), to: at(bounds, p + 1), firstRow, records })
    firstRow += records
  })
  return { group, tasks, completed, records: scan.count }
}

/** Once the part files exist: sizes and the push-style metrics of Adobe's download-scores guide. */
export function settleBatch(batch: BatchRecord): void {
  if (batch.status !== 'success') return
  const parts = batch.files.flatMap((group) => group.parts)
  const size = parts.reduce((sum, part) => sum + part.length, 0)
  const records = parts.reduce((sum, part) => sum + part.records, 0)
  batch.size = size
  batch.recordCount = records
  batch.metrics = {
    partitionCount: parts.length,
    outputByteSize: size,
    inputFileCount: -1,
    // Spark reports what it read from its staging area: a little more than it wrote.
    inputByteSize: size + parts.length * 668,
    outputRecordCount: records,
    outputFileCount: parts.length,
    inputRecordCount: records,
  }
}
