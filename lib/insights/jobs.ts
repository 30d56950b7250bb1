import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { ScoreFieldsMissing } from './parts'
import type { InsightsProgress, InsightsResult, TopRow } from './schema'
import { saveFailure, saveProgress, saveResult, type RunKey } from './store'

// Computations run in the server process, detached from the request that started them: leaving the page does not
// waste the work, and a second visitor (or the same one polling) joins the running job instead of starting another.
// The registry lives on globalThis so that Next's dev server, which re-evaluates modules on edits, keeps one.

export interface Job {
  key: RunKey
  startedAt: number
  progress: InsightsProgress
  /** The top list, once known: shown while the rest is computed. */
  top?: TopRow[]
  /** Settles when the result (or the failure) is stored. */
  settled: Promise<void>
}

export interface ComputationEvents {
  onProgress: (progress: InsightsProgress) => void
  onTop: (top: TopRow[]) => void
}

export type Computation = (events: ComputationEvents) => Promise<InsightsResult>

const slot = Symbol.for('score-explorer.insights-jobs')
type Holder = typeof globalThis & { [slot]?: Map<string, Job> }

function registry(): Map<string, Job> {
  const holder = globalThis as Holder
  holder[slot] ??= new Map()
  return holder[slot]
}

const keyOf = (key: RunKey) => `${key.sandbox}/${key.batchId}`

export function runningJob(key: RunKey): Job | undefined {
  return registry().get(keyOf(key))
}

/** Progress is written to the database this often: for visitors served by another process, and as a heartbeat. */
const heartbeatMs = 2_000

/** What people are told when a computation fails: our own messages, never a stack trace or Adobe's payload. */
function failureMessage(error: unknown): string {
  if (AppError.is(error)) return error.message
  if (error instanceof ScoreFieldsMissing) return `${error.message} Open one of its files to pick the score column.`
  return 'Reading the run\'s files failed. Try again; if it keeps failing, the files may not be Customer AI output.'
}

/** Starts a computation the caller has claimed in the database (store.claim). */
export function startJob(
  db: Kysely<Database>,
  key: RunKey,
  compute: Computation,
  options: { filesTotal?: number; now?: () => number } = {},
): Job {
  const existing = runningJob(key)
  if (existing) return existing
  const now = options.now ?? Date.now
  const job: Job = {
    key,
    startedAt: now(),
    progress: { phase: 'starting', filesDone: 0, filesTotal: options.filesTotal ?? 0, bytesRead: 0, bytesTotal: 0 },
    settled: Promise.resolve(),
  }
  const heartbeat = setInterval(() => {
    saveProgress(db, key, job.progress, now()).catch((error: unknown) => console.error('insights heartbeat failed', error))
  }, heartbeatMs)
  heartbeat.unref()
  job.settled = (async () => {
    try {
      const result = await compute({
        onProgress: (progress) => {
          job.progress = progress
        },
        onTop: (top) => {
          job.top = top
        },
      })
      await saveResult(db, key, result, now())
    } catch (error) {
      console.error(`insights of ${keyOf(key)} failed`, error)
      await saveFailure(db, key, failureMessage(error), now()).catch((saveError: unknown) =>
        console.error('insights failure could not be stored', saveError),
      )
    } finally {
      clearInterval(heartbeat)
      registry().delete(keyOf(key))
    }
  })()
  registry().set(keyOf(key), job)
  return job
}
