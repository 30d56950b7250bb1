import 'server-only'
import { aep } from '@/lib/aep'
import type { Batch, PartFile } from '@/lib/aep/types'
import { rangeAsyncBuffer } from '@/lib/parquet/range-buffer'
import { readPartRange } from '@/lib/parquet/server-read'
import { runFiles } from '@/lib/runs/service'
import type { ComputeInput, RunParts } from './compute'
import type { PartSource } from './parts'
import { previousSuccessfulRun } from './previous-run'

// The compute core's input for a run in a sandbox: its part files read through lib/aep with Range requests, the same
// way the file route serves the preview, and the run it is compared with.

function partSource(sandbox: string, part: PartFile): PartSource {
  return {
    dataSetFileId: part.dataSetFileId,
    name: part.name,
    size: part.size,
    open: () => rangeAsyncBuffer(part.size, (start, end) => readPartRange(sandbox, part, start, end)),
  }
}

export function runParts(sandbox: string, batch: Batch, files: readonly PartFile[]): RunParts {
  return { batchId: batch.id, created: batch.created, parts: files.map((file) => partSource(sandbox, file)) }
}

/** The previous successful run of the same instance, with its parts; or why there is none. */
export async function comparisonInput(
  sandbox: string,
  batch: Batch,
): Promise<Pick<ComputeInput, 'previous' | 'comparisonNote'>> {
  if (!batch.datasetId) return { comparisonNote: 'Adobe does not say which dataset this run belongs to.' }
  const history = await aep().catalog.listBatches(sandbox, { datasetId: batch.datasetId })
  const previous = previousSuccessfulRun(batch, history)
  if (!previous) return { comparisonNote: 'This is the first successful run of its instance: there is nothing to compare with.' }
  const { files } = await runFiles(sandbox, previous.id)
  if (!files.length) return { comparisonNote: `The previous successful run (${previous.id}) lists no files.` }
  return { previous: runParts(sandbox, previous, files) }
}
