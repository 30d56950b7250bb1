import type { Batch, Dataset, PartFile } from '@/lib/aep/types'

/** A scoring run as the instance page shows it: the batch plus what it means in the run history. */
export interface RunSummary extends Batch {
  /** The newest successful run: the scores Customer AI currently stands by. */
  isLatestSuccessful: boolean
  /** The run that replaced this one (`replay.predecessors` read backwards). */
  replacedBy?: string
}

export interface InstanceRuns {
  dataset: Dataset
  runs: RunSummary[]
}

export interface RunFiles {
  batch: Batch
  files: PartFile[]
  /** Sum of the parts' sizes. */
  totalSize: number
}
