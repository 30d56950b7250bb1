import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/lib/db'
import type { RunInsightsRow } from '@/lib/db/schema'
import { INSIGHTS_VERSION, insightsResultSchema, progressSchema, type InsightsProgress, type InsightsResult } from './schema'

// The run_insights table: one row per (run, version of the computation). A finished run never changes, so a `done`
// row is the answer for everyone, for good. A `computing` row is a claim: whoever inserted it computes, and keeps
// `updated_at` fresh while it does; a claim left stale (its process died mid-way) or a `failed` row may be taken over
// by the next visit, with a compare-and-set on (status, updated_at) so that of two takers one wins.

/** A computing row not touched for this long belongs to a process that is gone. */
export const staleAfterMs = 30_000

export interface RunKey {
  sandbox: string
  batchId: string
}

const initialProgress: InsightsProgress = { phase: 'starting', filesDone: 0, filesTotal: 0, bytesRead: 0, bytesTotal: 0 }

function where(db: Kysely<Database>, key: RunKey) {
  return db
    .selectFrom('run_insights')
    .selectAll()
    .where('sandbox', '=', key.sandbox)
    .where('batch_id', '=', key.batchId)
    .where('version', '=', INSIGHTS_VERSION)
}

export function readRow(db: Kysely<Database>, key: RunKey): Promise<RunInsightsRow | undefined> {
  return where(db, key).executeTakeFirst()
}

export function isStale(row: RunInsightsRow, now: number): boolean {
  return row.status === 'computing' && now - row.updated_at > staleAfterMs
}

/** Claims the computation of a run's insights; true when this caller now owns it. */
export async function claim(db: Kysely<Database>, key: RunKey, now: number): Promise<boolean> {
  const inserted = await db
    .insertInto('run_insights')
    .values({
      sandbox: key.sandbox,
      batch_id: key.batchId,
      version: INSIGHTS_VERSION,
      status: 'computing',
      progress_json: JSON.stringify(initialProgress),
      result_json: null,
      error: null,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true
  const row = await readRow(db, key)
  if (!row || !(row.status === 'failed' || isStale(row, now))) return false
  const taken = await db
    .updateTable('run_insights')
    .set({ status: 'computing', progress_json: JSON.stringify(initialProgress), error: null, updated_at: now })
    .where('sandbox', '=', key.sandbox)
    .where('batch_id', '=', key.batchId)
    .where('version', '=', INSIGHTS_VERSION)
    .where('status', '=', row.status)
    .where('updated_at', '=', row.updated_at)
    .executeTakeFirst()
  return Number(taken.numUpdatedRows) === 1
}

function update(db: Kysely<Database>, key: RunKey) {
  return db
    .updateTable('run_insights')
    .where('sandbox', '=', key.sandbox)
    .where('batch_id', '=', key.batchId)
    .where('version', '=', INSIGHTS_VERSION)
    .where('status', '=', 'computing')
}

/** The heartbeat: progress for visitors served by another process, and proof that the claim is alive. */
export async function saveProgress(db: Kysely<Database>, key: RunKey, progress: InsightsProgress, now: number): Promise<void> {
  await update(db, key).set({ progress_json: JSON.stringify(progress), updated_at: now }).execute()
}

export async function saveResult(db: Kysely<Database>, key: RunKey, result: InsightsResult, now: number): Promise<void> {
  await update(db, key).set({ status: 'done', result_json: JSON.stringify(result), error: null, updated_at: now }).execute()
}

/** `message` is shown to people: it must be safe to (see the job's error mapping). */
export async function saveFailure(db: Kysely<Database>, key: RunKey, message: string, now: number): Promise<void> {
  await update(db, key).set({ status: 'failed', error: message, updated_at: now }).execute()
}

/** A stored result, read back through its schema: a row that does not fit is an error, never a guess. */
export function parseResult(row: RunInsightsRow): InsightsResult {
  return insightsResultSchema.parse(JSON.parse(row.result_json ?? 'null'))
}

export function parseProgress(row: RunInsightsRow): InsightsProgress {
  const parsed = progressSchema.safeParse(JSON.parse(row.progress_json))
  return parsed.success ? parsed.data : initialProgress
}
