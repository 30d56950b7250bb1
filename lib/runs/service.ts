import 'server-only'
import { aep } from '@/lib/aep'
import type { PartFile } from '@/lib/aep/types'
import { describeHistory } from '@/lib/runs/history'
import type { InstanceRuns, RunFiles } from '@/lib/runs/types'

export async function instanceRuns(sandbox: string, datasetId: string, signal?: AbortSignal): Promise<InstanceRuns> {
  const client = aep()
  const [dataset, batches] = await Promise.all([
    client.catalog.getDataset(sandbox, datasetId, { signal }),
    client.catalog.listBatches(sandbox, { datasetId }, { signal }),
  ])
  return { dataset, runs: describeHistory(batches) }
}

// A successful run's files never change, so their listing is kept: the second visit, and every share-link download,
// costs Adobe nothing. Bounded, since a process may see many runs.
const finishedRunFiles = new Map<string, PartFile[]>()
const maxRemembered = 200

export async function runFiles(sandbox: string, batchId: string, signal?: AbortSignal): Promise<RunFiles> {
  const client = aep()
  const batch = await client.catalog.getBatch(sandbox, batchId, { signal })
  const key = `${sandbox}/${batchId}`
  let files = finishedRunFiles.get(key)
  if (!files) {
    files = []
    if (batch.status === 'success') {
      for (const group of await client.dataAccess.listBatchFiles(sandbox, batchId, { signal })) {
        files.push(...(await client.dataAccess.listFileParts(sandbox, group.dataSetFileId, { signal })))
      }
      if (finishedRunFiles.size >= maxRemembered) finishedRunFiles.delete(finishedRunFiles.keys().next().value ?? '')
      finishedRunFiles.set(key, files)
    }
  }
  return { batch, files, totalSize: files.reduce((sum, file) => sum + file.size, 0) }
}
