import 'server-only'
import { aep } from '@/lib/aep'
import type { Batch } from '@/lib/aep/types'
import { propensityTypeOfRun } from '@/lib/instances/propensity'
import type { InstanceSummary } from '@/lib/instances/types'

/** The Customer AI instances of a sandbox, newest activity first. */
export async function listInstances(sandbox: string): Promise<InstanceSummary[]> {
  const client = aep()
  const datasets = await client.catalog.listScoreDatasets(sandbox)
  const instances = await Promise.all(
    datasets.map(async (dataset): Promise<InstanceSummary> => {
      const [lastRun, latestSuccessful] = await Promise.all([
        // A failure here fails the list in words: showing the instance as never run would be false.
        dataset.lastBatchId ? client.catalog.getBatch(sandbox, dataset.lastBatchId) : undefined,
        client.catalog.latestSuccessfulBatch(sandbox, dataset.id),
      ])
      const propensity = latestSuccessful
        ? await propensityTypeOfRun(sandbox, latestSuccessful.id).then(
            (type) => ({ type, unreadable: false }),
            () => ({ type: undefined, unreadable: true }),
          )
        : { type: undefined, unreadable: false }
      return {
        datasetId: dataset.id,
        name: dataset.instanceName,
        profileEnabled: dataset.profileEnabled,
        propensityType: propensity.type,
        propensityUnreadable: propensity.unreadable || undefined,
        lastRun: lastRun ? { batchId: lastRun.id, status: lastRun.status, created: lastRun.created } : undefined,
        latestSuccessfulRun: latestSuccessful ? successfulRun(latestSuccessful) : undefined,
      }
    }),
  )
  return instances.sort((a, b) => (b.lastRun?.created ?? 0) - (a.lastRun?.created ?? 0) || a.name.localeCompare(b.name))
}

function successfulRun(batch: Batch): NonNullable<InstanceSummary['latestSuccessfulRun']> {
  return { batchId: batch.id, created: batch.created, recordCount: batch.recordCount }
}
