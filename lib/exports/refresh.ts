import 'server-only'
import type { Kysely } from 'kysely'
import { aep } from '@/lib/aep'
import { type Database, database } from '@/lib/db'
import type { ExportJobRow } from '@/lib/db/schema'
import { AppError } from '@/lib/errors'
import { isFinal, parseStatus, storedFieldsOf } from './status'
import { findJob, isRetired, listJobs, toSummary, updateJob } from './store'
import type { ExportSummary } from './types'

// Stored jobs, brought up to date: a job that is not final yet is asked about again when it is shown, and what
// Adobe says is stored, so a finished job costs Adobe nothing afterwards.

const recentLimit = 50

/** One job, fresh from Adobe while it runs. Adobe's refusal is an error here: the progress view shows it. */
export async function getExport(sandbox: string, id: string, signal?: AbortSignal): Promise<ExportSummary> {
  const { db } = await database()
  const row = await findJob(db, sandbox, id)
  if (!row) throw new AppError('not_found:export', `No export job ${id} was started from Score Explorer in sandbox ${sandbox}.`)
  if (isDone(row)) return toSummary(row)
  try {
    return toSummary(await refresh(db, row, signal))
  } catch (error) {
    // Adobe keeps jobs for a while only (and the simulator forgets them on restart): show what we know.
    if (AppError.is(error) && error.type === 'not_found') return toSummary(row, 'unknown')
    throw error
  }
}

/**
 * The sandbox's recent jobs, newest first. One job Adobe cannot answer for does not hide the others: it is shown
 * with its last stored status and marked stale.
 */
export async function recentExports(sandbox: string, signal?: AbortSignal): Promise<ExportSummary[]> {
  const { db } = await database()
  const rows = await listJobs(db, sandbox, recentLimit)
  return Promise.all(
    rows.map(async (row) => {
      if (isDone(row)) return toSummary(row)
      try {
        return toSummary(await refresh(db, row, signal))
      } catch (error) {
        if (signal?.aborted) throw error
        return toSummary(row, AppError.is(error) && error.type === 'not_found' ? 'unknown' : 'unreachable')
      }
    }),
  )
}

/** Final at Adobe, or retired: either way nothing more to ask. */
function isDone(row: ExportJobRow): boolean {
  if (isRetired(row)) return true
  const status = parseStatus(row.status)
  return status !== undefined && isFinal(status)
}

async function refresh(db: Kysely<Database>, row: ExportJobRow, signal?: AbortSignal): Promise<ExportJobRow> {
  const fields = storedFieldsOf(await aep().segmentation.getExportJob(row.sandbox, row.id, { signal }))
  const unchanged = fields.status === row.status && fields.batchId === row.batch_id && fields.error === row.error
  return unchanged ? row : updateJob(db, row, fields, Date.now())
}
