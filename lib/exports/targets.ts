import 'server-only'
import { aep } from '@/lib/aep'
import type { Dataset } from '@/lib/aep/types'
import { AppError } from '@/lib/errors'
import { database } from '@/lib/db'
import { recentTargetDatasetIds } from './store'
import type { TargetDataset } from './types'

/** Export jobs write XDM Individual Profiles: the target must be on the Profile union schema (aep-api.md §4.1). */
export const profileUnionSchema = 'https://ns.adobe.com/xdm/context/profile__union'

const remembered = 20

/**
 * Datasets earlier exports of this sandbox wrote to that still exist and are still on the union schema, most
 * recently used first. lib/aep offers no Catalog search by schema, so the candidates come from our own records and
 * each is checked with Adobe; a dataset Adobe no longer has simply drops out.
 */
export async function targetDatasets(sandbox: string, signal?: AbortSignal): Promise<TargetDataset[]> {
  const ids = await recentTargetDatasetIds((await database()).db, sandbox, remembered)
  const looked = await Promise.allSettled(ids.map((id) => aep().catalog.getDataset(sandbox, id, { signal })))
  return looked.flatMap((result) =>
    result.status === 'fulfilled' && isProfileUnion(result.value)
      ? [{ id: result.value.id, name: result.value.name, created: result.value.created }]
      : [],
  )
}

/** The existing dataset a person chose, refused in words unless an export can write to it. */
export async function checkTargetDataset(sandbox: string, datasetId: string): Promise<Dataset> {
  const dataset = await aep().catalog.getDataset(sandbox, datasetId)
  if (!isProfileUnion(dataset)) {
    throw new AppError(
      'bad_request:export',
      `Dataset “${dataset.name}” is not on the Profile union schema, so a segment export cannot write to it. Choose another dataset or create a new one.`,
    )
  }
  return dataset
}

function isProfileUnion(dataset: Dataset): boolean {
  return dataset.schemaId === profileUnionSchema
}
