import 'server-only'
import { aep } from '@/lib/aep'
import { instanceKeyOf } from './instance-key'
import { segmentsOfInstance } from './match'
import type { InstanceExportOptions } from './types'

/** An instance's segments, or why it has none to export (its dataset is not enabled for Profile). */
export async function instanceExportOptions(sandbox: string, datasetId: string, signal?: AbortSignal): Promise<InstanceExportOptions> {
  const client = aep()
  const dataset = await client.catalog.getDataset(sandbox, datasetId, { signal })
  const name = dataset.instanceName ?? dataset.name
  const instance = { datasetId, name, profileEnabled: dataset.profileEnabled }
  // The run page links back to a batch's dataset, so an export's own target dataset can be opened here too.
  if (dataset.instanceName === undefined) {
    return {
      instance,
      unavailableReason:
        `“${name}” is not the output dataset of a Customer AI instance, so no segment is built on its scores. ` +
        'Datasets that segment exports wrote to are listed here too: their batches are above.',
      segments: [],
    }
  }
  if (!dataset.profileEnabled) {
    // Adobe's guide: segments read scores from Real-Time Customer Profile, which only holds them when the output
    // dataset is enabled for Profile (aep-api.md §4). Said in words, with what still works.
    return {
      instance,
      unavailableReason:
        `${name}’s scores are not enabled for Real-Time Customer Profile, so its segments cannot be exported to a ` +
        'dataset. Segments read scores from Profile, which holds them only when the instance was configured with ' +
        '“Enable for profile”. Its scoring runs can still be browsed and downloaded above.',
      segments: [],
    }
  }
  const [segments, key] = await Promise.all([
    client.segmentation.listSegments(sandbox, { signal }),
    instanceKeyOf(sandbox, datasetId).catch(() => undefined),
  ])
  return {
    instance,
    segments: segmentsOfInstance(segments, { name, key }).map(({ id, name: segmentName, description, expression }) => ({
      id,
      name: segmentName,
      ...(description ? { description } : {}),
      ...(expression ? { expression } : {}),
    })),
  }
}
