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
const listed = 50

/**
 * Datasets an export can write to: those earlier exports of this sandbox wrote to (most recently used first, each
 * checked with Adobe, so one it no longer has drops out), then every other dataset on the Profile union schema,
 * newest first; at most 50 in all. When the Catalog list fails, the remembered ones still come.
 */
export async function targetDatasets(sandbox: string, signal?: AbortSignal): Promise<TargetDataset[]> {
  const ids = await recentTargetDatasetIds((await database()).db, sandbox, remembered)
  const [looked, onSchema] = await Promise.all([
    Promise.allSettled(ids.map((id) => aep().catalog.getDataset(sandbox, id, { signal }))),
    aep()
      .catalog.listDatasetsOnSchema(sandbox, profileUnionSchema, { signal })
      .catch((error: unknown) => {
        // A request the person left is no failure to report.
        if (!signal?.aborted) console.warn('export targets: the Catalog dataset list failed; offering remembered targets only', error)
        return []
      }),
  ])
  const recent = looked.flatMap((result) => (result.status === 'fulfilled' && isProfileUnion(result.value) ? [result.value] : []))
  const seen = new Set(recent.map((dataset) => dataset.id))
  return [...recent, ...onSchema.filter((dataset) => !seen.has(dataset.id))]
    .slice(0, listed)
    .map((dataset) => ({ id: dataset.id, name: dataset.name, created: dataset.created }))
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
