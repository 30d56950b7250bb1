import type { BatchStatus } from '@/lib/aep/types'
import type { PropensityType } from '@/lib/scores/propensity'

export type { PropensityType }

/** A Customer AI instance as the dashboard shows it: Adobe has no instance API, so it is read off its output dataset. */
export interface InstanceSummary {
  datasetId: string
  /** From the dataset name `Customer AI Scores - <instance>`. */
  name: string
  /** Derived from the latest successful run's own `propensityType` values; undefined when not readable. */
  propensityType?: PropensityType
  /** True when the run's footer could not be read just now (Adobe failed): the type is unknown for that reason. */
  propensityUnreadable?: boolean
  profileEnabled: boolean
  lastRun?: { batchId: string; status: BatchStatus; created: number }
  latestSuccessfulRun?: { batchId: string; created: number; recordCount?: number }
}
