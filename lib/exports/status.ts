// What an export job's status means, and how Adobe's job becomes the fields we store. Pure and browser-safe: the
// progress view and the server share it. Unit-tested in status.test.ts.
import type { ExportJob } from '@/lib/aep/types'
import type { ExportStatus, ExportSummary } from './types'

const statuses: readonly ExportStatus[] = ['NEW', 'PROCESSING', 'SUCCEEDED', 'FAILED']

/** Adobe's export job statuses (aep-api.md §4.3): SUCCEEDED and FAILED never change again. */
export function isFinal(status: ExportStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED'
}

/**
 * Whether asking again may tell us more: not final, and not a job Adobe no longer knows (or whose id it has given
 * to a newer job). A job Adobe could not be asked about just now is still worth asking about.
 */
export function worthFollowing(job: Pick<ExportSummary, 'status' | 'stale'>): boolean {
  return !isFinal(job.status) && job.stale !== 'unknown' && job.stale !== 'retired'
}

/** A stored status back to Adobe's enum; anything else (e.g. a claim still starting) is undefined. */
export function parseStatus(value: string): ExportStatus | undefined {
  const upper = value.toUpperCase()
  return statuses.find((status) => status === upper)
}

export interface ProgressStep {
  status: ExportStatus
  title: string
  state: 'done' | 'current' | 'upcoming' | 'failed'
}

/**
 * The steps of the progress view: NEW, PROCESSING, then SUCCEEDED or FAILED. A job that failed shows the steps it
 * went through as done and the failure in place of success.
 */
export function progressSteps(status: ExportStatus): ProgressStep[] {
  const reached = status === 'FAILED' ? 2 : statuses.indexOf(status)
  const last: ExportStatus = status === 'FAILED' ? 'FAILED' : 'SUCCEEDED'
  const titles: Record<ExportStatus, string> = {
    NEW: 'Adobe accepted the export job',
    PROCESSING: 'Adobe is writing the segment’s profiles to the dataset',
    SUCCEEDED: 'The batch is written and ready to browse',
    FAILED: 'Adobe could not finish the export',
  }
  return (['NEW', 'PROCESSING', last] as const).map((step, index) => ({
    status: step,
    title: titles[step],
    state:
      step === 'FAILED'
        ? 'failed'
        : index < reached || (index === reached && isFinal(status))
          ? 'done'
          : index === reached
            ? 'current'
            : 'upcoming',
  }))
}

/** Adobe's errors in words, with its codes, e.g. "Profile export for segment … failed … (Adobe error 0090000009)". */
export function describeErrors(errors: ExportJob['errors']): string | undefined {
  const sentences = errors
    .map(({ code, message }) => {
      const words = message.trim() || 'Adobe gave no reason'
      const sentence = /[.!?]$/.test(words) ? words.slice(0, -1) : words
      return code ? `${sentence} (Adobe error ${code}).` : `${sentence}.`
    })
    .filter(Boolean)
  return sentences.length ? sentences.join(' ') : undefined
}

export interface StoredJobFields {
  status: ExportStatus
  batchId: string | null
  error: string | null
}

/** What we keep of Adobe's answer about a job. A failed job without errors still gets a sentence. */
export function storedFieldsOf(job: ExportJob): StoredJobFields {
  const error =
    job.status === 'FAILED'
      ? (describeErrors(job.errors) ?? 'Adobe marked the export as failed without giving a reason.')
      : null
  return { status: job.status, batchId: job.status === 'SUCCEEDED' ? (job.batchId ?? null) : null, error }
}
