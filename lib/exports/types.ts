// What the export feature hands to the browser. Types only, no runtime code, so client components may import them.
// Times are epoch milliseconds.
import type { ExportJobStatus } from '@/lib/aep/types'

export type ExportStatus = ExportJobStatus

/** A segment that reads one instance's scores, as the export form offers it. */
export interface ExportSegment {
  id: string
  name: string
  description?: string
  /** The PQL rule, shown so a person can see which score bucket it selects. */
  expression?: string
}

/** What the instance page needs to offer "Export to dataset". */
export interface InstanceExportOptions {
  instance: { datasetId: string; name: string; profileEnabled: boolean }
  /** Why this instance's segments cannot be exported, in words; undefined when they can. */
  unavailableReason?: string
  /** The instance's segments (empty when unavailable). */
  segments: ExportSegment[]
}

/** A dataset on the Profile union schema that an export may write into again. */
export interface TargetDataset {
  id: string
  name: string
  created: number
}

/** One export job started from the app, as stored and, while it runs, refreshed from Adobe. */
export interface ExportSummary {
  /** Adobe's export job id (an integer, as a string). */
  id: string
  /** Unique per stored job, even when Adobe's id was later given to another job (`stale: 'retired'`). */
  rowKey: string
  sandbox: string
  segmentId: string
  segmentName: string
  /** The target dataset. */
  datasetId: string
  createdBy: string
  createdAt: number
  updatedAt: number
  status: ExportStatus
  /** The batch the export wrote, once it has succeeded: browse it like a scoring run. */
  batchId?: string
  /** Adobe's error, in words, when the job failed. */
  error?: string
  /**
   * Set when the status shown is the last one stored because Adobe could not be asked just now (`unreachable`), no
   * longer knows the job (`unknown`, e.g. a job older than Adobe keeps), or has given its id to a newer job
   * (`retired`: a job store that forgot it, as the simulator does when it restarts).
   */
  stale?: 'unreachable' | 'unknown' | 'retired'
}
