import type { Batch } from '@/lib/aep/types'
import type { RunSummary } from '@/lib/runs/types'

/** Marks the latest successful run and links each run to the one that replaced it. Pure; runs come newest first. */
export function describeHistory(batches: Batch[]): RunSummary[] {
  const replacedBy = new Map<string, string>()
  for (const batch of batches) for (const predecessor of batch.predecessors) replacedBy.set(predecessor, batch.id)
  const newestFirst = [...batches].sort((a, b) => b.created - a.created)
  const latestSuccessful = newestFirst.find((batch) => batch.status === 'success')
  return newestFirst.map((batch) => ({
    ...batch,
    isLatestSuccessful: batch.id === latestSuccessful?.id,
    replacedBy: replacedBy.get(batch.id),
  }))
}
