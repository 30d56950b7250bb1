import 'server-only'
import type { Batch } from '@/lib/aep/types'
import { database } from '@/lib/db'
import type { RunInsightsRow } from '@/lib/db/schema'
import { isActive } from '@/lib/query/sandboxes'
import { runFiles } from '@/lib/runs/service'
import { computeInsights } from './compute'
import { runningJob, startJob, type Job } from './jobs'
import { propensityOf } from './propensity'
import type { InsightsResult, InsightsState } from './schema'
import { claim, isStale, parseProgress, parseResult, readRow, type RunKey } from './store'
import { sharedScanWorkers } from './scan-workers'
import { comparisonInput, runParts } from './sources'

// A run's insights as the route answers them. The database is asked first: a stored result is served at once, to
// everyone, without a word to Adobe. Only when there is none is the run looked up, and a computation started
// (or joined) for a successful run; other runs are told why they have none.

/** A failed computation is started again by the first visit this long after it failed. */
const retryFailedAfterMs = 60_000

/** Parsed results of finished runs: they never change, and a result is hundreds of kilobytes of JSON to parse. */
const parsed = new Map<string, InsightsResult>()
const maxParsed = 20

function resultOf(row: RunInsightsRow): InsightsResult {
  // updated_at too: a row deleted and computed again (by an operator, or a test) is a new result.
  const key = `${row.sandbox}/${row.batch_id}/${row.version}/${row.updated_at}`
  let result = parsed.get(key)
  if (!result) {
    result = parseResult(row)
    if (parsed.size >= maxParsed) parsed.delete(parsed.keys().next().value ?? '')
    parsed.set(key, result)
  }
  return result
}

function fromRow(row: RunInsightsRow): InsightsState {
  if (row.status === 'done') return { status: 'done', result: resultOf(row) }
  if (row.status === 'failed') return { status: 'failed', message: row.error ?? 'The computation failed.', failedAt: row.updated_at }
  return { status: 'computing', progress: parseProgress(row) }
}

const fromJob = (job: Job): InsightsState => ({
  status: 'computing',
  progress: job.progress,
  ...(job.top ? { top: job.top, propensityType: propensityOf(job.top) } : {}),
})

function unavailable(batch: Batch, fileCount: number): InsightsState | undefined {
  if (batch.status === 'success') {
    return fileCount ? undefined : { status: 'unavailable', reason: 'no-files', message: 'This run lists no files, so there are no scores to analyse.' }
  }
  if (isActive(batch.status)) {
    return { status: 'unavailable', reason: 'not-finished', message: `This run is still ${batch.status}: its insights are computed once it succeeds.` }
  }
  const why = batch.errors[0] ? ` (${batch.errors[0].code}: ${batch.errors[0].description})` : ''
  return {
    status: 'unavailable',
    reason: 'failed-run',
    message: `This run ended as ${batch.status}${why}. A run that did not succeed wrote no scores, so there is nothing to analyse.`,
  }
}

export async function runInsights(sandbox: string, batchId: string, options: { retry?: boolean } = {}): Promise<InsightsState> {
  const key: RunKey = { sandbox, batchId }
  const job = runningJob(key)
  if (job) return fromJob(job)
  const { db } = await database()
  const row = await readRow(db, key)
  if (row?.status === 'done') return fromRow(row)
  // A failure is often Adobe's passing trouble: shown for a minute (with "Try again"), then retried on the next visit.
  if (row?.status === 'failed' && !options.retry && Date.now() - row.updated_at < retryFailedAfterMs) return fromRow(row)
  if (row?.status === 'computing' && !isStale(row, Date.now())) return fromRow(row)

  const { batch, files } = await runFiles(sandbox, batchId)
  const reason = unavailable(batch, files.length)
  if (reason) return reason
  if (!(await claim(db, key, Date.now()))) {
    // Someone else claimed it between our read and our claim: report theirs.
    const current = await readRow(db, key)
    return current ? fromRow(current) : { status: 'computing', progress: { phase: 'starting', filesDone: 0, filesTotal: 0, bytesRead: 0, bytesTotal: 0 } }
  }
  const started = startJob(
    db,
    key,
    async (events) =>
      computeInsights({
        run: runParts(sandbox, batch, files),
        ...(await comparisonInput(sandbox, batch)),
        ...events,
        scanPart: sharedScanWorkers().scan,
      }),
    { filesTotal: files.length },
  )
  return fromJob(started)
}
