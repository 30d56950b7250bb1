import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/lib/db'
import type { ExportJobRow } from '@/lib/db/schema'
import { parseStatus, type StoredJobFields } from './status'
import type { ExportSummary } from './types'

// The export_jobs table: the jobs people started here, so the list survives a restart, and the idempotency of
// "Export to dataset".
//
// Idempotency works by claiming the client's request key *before* Adobe is asked: the first request inserts a
// claim row (id `claim:<key>`, status STARTING); a repeat finds the key taken and waits for the claim to become
// Adobe's job. So a double click, two tabs or two app servers never start two jobs: the unique request_key decides,
// atomically, in the database. A claim whose attempt failed is marked START_FAILED and may be taken again by a retry
// with the same key (which then reuses the dataset the first attempt created). Claim rows are never shown.
//
// Adobe never hands out a job id twice, but a job store that forgets (the simulator after a restart, while our
// database remembers) can. A new job whose id is already stored means the stored job is gone at Adobe: its row is
// retired (re-keyed `retired:<job id>:<request key>`), kept in the history, and never asked about again.

const claimPrefix = 'claim:'
const retiredPrefix = 'retired:'
const starting = 'STARTING'
const startFailed = 'START_FAILED'

/** A claim still STARTING after this long belongs to a request that died (a restart mid-way): it may be taken. */
export const abandonedAfterMs = 2 * 60_000

export type ClaimResult =
  /** This request owns the key; `datasetId` is the dataset an earlier failed attempt already created, if any. */
  | { kind: 'claimed'; datasetId?: string }
  /** The key already names Adobe's job. */
  | { kind: 'job'; row: ExportJobRow }
  /** Another request holds the key and is still talking to Adobe. */
  | { kind: 'busy' }

export interface ClaimInput {
  requestKey: string
  sandbox: string
  segmentId: string
  createdBy: string
  now: number
}

export async function claimRequest(db: Kysely<Database>, input: ClaimInput): Promise<ClaimResult> {
  const inserted = await db
    .insertInto('export_jobs')
    .values({
      id: `${claimPrefix}${input.requestKey}`,
      sandbox: input.sandbox,
      segment_id: input.segmentId,
      segment_name: '',
      dataset_id: '',
      created_by: input.createdBy,
      created_at: input.now,
      status: starting,
      batch_id: null,
      error: null,
      updated_at: input.now,
      request_key: input.requestKey,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed' }

  const row = await db.selectFrom('export_jobs').selectAll().where('request_key', '=', input.requestKey).executeTakeFirst()
  // Gone between the insert and the select: only possible if someone deleted it; the caller tries again.
  if (!row) return { kind: 'busy' }
  if (!isClaim(row)) return { kind: 'job', row }
  const retakable = row.status === startFailed || (row.status === starting && input.now - row.updated_at > abandonedAfterMs)
  if (!retakable) return { kind: 'busy' }
  // Compare-and-set on (status, updated_at): of several requests retaking the same claim, one wins.
  const retaken = await db
    .updateTable('export_jobs')
    .set({ status: starting, updated_at: input.now, created_by: input.createdBy, segment_id: input.segmentId })
    .where('request_key', '=', input.requestKey)
    .where('status', '=', row.status)
    .where('updated_at', '=', row.updated_at)
    .executeTakeFirst()
  if (Number(retaken.numUpdatedRows) !== 1) return { kind: 'busy' }
  return { kind: 'claimed', datasetId: row.dataset_id || undefined }
}

/** Remembers the dataset this attempt created, so a retry of the same request does not create another. */
export async function recordClaimDataset(db: Kysely<Database>, requestKey: string, datasetId: string): Promise<void> {
  await db.updateTable('export_jobs').set({ dataset_id: datasetId }).where('request_key', '=', requestKey).execute()
}

/** The attempt failed: the key may be retried. */
export async function releaseClaim(db: Kysely<Database>, requestKey: string, now: number): Promise<void> {
  await db
    .updateTable('export_jobs')
    .set({ status: startFailed, updated_at: now })
    .where('request_key', '=', requestKey)
    .where('id', '=', `${claimPrefix}${requestKey}`)
    .execute()
}

export interface CompletedJob extends StoredJobFields {
  id: string
  segmentName: string
  datasetId: string
}

/** The claim becomes Adobe's job: from now on the row is keyed by Adobe's id. */
export async function completeClaim(db: Kysely<Database>, requestKey: string, job: CompletedJob, now: number): Promise<ExportJobRow> {
  await db.transaction().execute(async (trx) => {
    const reused = await trx.selectFrom('export_jobs').select('request_key').where('id', '=', job.id).executeTakeFirst()
    if (reused) {
      await trx
        .updateTable('export_jobs')
        .set({ id: `${retiredPrefix}${job.id}:${reused.request_key}`, updated_at: now })
        .where('id', '=', job.id)
        .execute()
    }
    await trx
      .updateTable('export_jobs')
      .set({
        id: job.id,
        segment_name: job.segmentName,
        dataset_id: job.datasetId,
        status: job.status,
        batch_id: job.batchId,
        error: job.error,
        created_at: now,
        updated_at: now,
      })
      .where('request_key', '=', requestKey)
      .where('id', '=', `${claimPrefix}${requestKey}`)
      .execute()
  })
  return db.selectFrom('export_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow()
}

export async function findJob(db: Kysely<Database>, sandbox: string, id: string): Promise<ExportJobRow | undefined> {
  return db.selectFrom('export_jobs').selectAll().where('id', '=', id).where('sandbox', '=', sandbox).executeTakeFirst()
}

/** The sandbox's jobs, newest first; claims are not jobs yet and are left out. */
export async function listJobs(db: Kysely<Database>, sandbox: string, limit: number): Promise<ExportJobRow[]> {
  return db
    .selectFrom('export_jobs')
    .selectAll()
    .where('sandbox', '=', sandbox)
    .where('id', 'not like', `${claimPrefix}%`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Stores what Adobe now says about a job; answers the updated row. */
export async function updateJob(db: Kysely<Database>, row: ExportJobRow, fields: StoredJobFields, now: number): Promise<ExportJobRow> {
  const changes = { status: fields.status, batch_id: fields.batchId, error: fields.error, updated_at: now }
  await db.updateTable('export_jobs').set(changes).where('id', '=', row.id).execute()
  return { ...row, ...changes }
}

/** Datasets earlier exports of the sandbox wrote to, most recently used first. */
export async function recentTargetDatasetIds(db: Kysely<Database>, sandbox: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('export_jobs')
    .select(['dataset_id', (eb) => eb.fn.max('created_at').as('last_used')])
    .where('sandbox', '=', sandbox)
    .where('id', 'not like', `${claimPrefix}%`)
    .where('dataset_id', '!=', '')
    .groupBy('dataset_id')
    .orderBy('last_used', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => row.dataset_id)
}

function isClaim(row: ExportJobRow): boolean {
  return row.id.startsWith(claimPrefix)
}

/** A row whose job id Adobe has since given to another job: history only. */
export function isRetired(row: ExportJobRow): boolean {
  return row.id.startsWith(retiredPrefix)
}

export function toSummary(row: ExportJobRow, stale?: ExportSummary['stale']): ExportSummary {
  const retired = isRetired(row)
  return {
    id: retired ? (row.id.slice(retiredPrefix.length).split(':')[0] ?? row.id) : row.id,
    rowKey: row.request_key,
    sandbox: row.sandbox,
    segmentId: row.segment_id,
    segmentName: row.segment_name,
    datasetId: row.dataset_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // Rows only become jobs with one of Adobe's statuses; anything else would be a row written by hand.
    status: parseStatus(row.status) ?? 'NEW',
    ...(row.batch_id ? { batchId: row.batch_id } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(retired ? { stale: 'retired' as const } : stale ? { stale } : {}),
  }
}
