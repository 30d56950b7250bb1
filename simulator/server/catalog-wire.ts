// World records -> Catalog wire objects, in the shapes of aep-api.md §1.5 (batch) and §1.6 (dataset).
import type { BatchRecord, DatasetRecord, FileGroupRecord } from '../model'
import type { CatalogEntry, Wire } from './catalog-query'
import type { SimulatorState } from './state'

/** Who wrote the Customer AI output datasets. Adobe's real values are not public; these are plausible guesses. */
const INSTANCE_CLIENT = 'acp_intelligent_services'

export function datasetEntry(state: SimulatorState, d: DatasetRecord): CatalogEntry {
  return { id: d.id, wire: datasetWire(state, d) }
}

export function datasetWire(state: SimulatorState, d: DatasetRecord): Wire {
  const batches = state.batchesOf(d.sandbox, d.id).slice().sort((a, b) => b.created - a.created)
  const last = batches[0]
  const lastSuccess = batches.find((b) => b.status === 'success')
  const lastFailure = batches.find((b) => b.status === 'failure' || b.status === 'failed')
  const creator = state.creatorOf(d.id)
  const createdClient = d.instance ? INSTANCE_CLIENT : (creator?.client ?? 'acp_foundation_catalog')
  const createdUser = d.instance ? `${INSTANCE_CLIENT}@AdobeID` : (creator?.user ?? 'acp_foundation_catalog@AdobeID')
  const tags: Record<string, string[]> = { ...d.tags }
  // Profile-enabled datasets carry these tags in Catalog (the names are reserved, aep-api.md §1.3).
  if (d.profileEnabled && !tags.unifiedProfile) tags.unifiedProfile = ['enabled:true']
  if (d.profileEnabled && !tags.unifiedIdentity) tags.unifiedIdentity = ['enabled:true']
  return {
    name: d.name,
    description: d.description,
    imsOrg: state.orgId,
    created: d.created,
    updated: Math.max(d.updated, last?.updated ?? 0),
    createdClient,
    createdUser,
    updatedUser: createdUser,
    version: `1.0.${batches.length}`,
    viewId: d.viewId,
    schemaRef: d.schemaRef,
    tags,
    fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
    files: `@/dataSets/${d.id}/views/${d.viewId}/files`,
    ...(last ? { lastBatchId: last.id, lastBatchStatus: last.status } : {}),
    ...(lastSuccess ? { lastSuccessfulBatch: lastSuccess.id } : {}),
    ...(lastFailure ? { lastFailedBatch: lastFailure.id } : {}),
  }
}

export function batchEntry(state: SimulatorState, b: BatchRecord): CatalogEntry {
  return { id: b.id, wire: batchWire(state, b), extra: { dataSet: b.datasetId, batch: b.id } }
}

/** The Customer AI example's shape, plus the `batch` relatedObject the design asks for. */
export function batchWire(state: SimulatorState, b: BatchRecord): Wire {
  return {
    id: b.id,
    externalId: b.externalId ?? b.id,
    status: b.status,
    tags: b.tags,
    relatedObjects: [
      { type: 'dataSet', id: b.datasetId },
      { type: 'batch', id: b.id },
    ],
    ...(b.replay ? { replay: b.replay } : {}),
    inputFormat: { format: 'parquet' },
    imsOrg: state.orgId,
    ...(b.started !== undefined ? { started: b.started } : {}),
    metrics: b.metrics,
    errors: b.errors,
    ...(b.completed !== undefined ? { completed: b.completed } : {}),
    created: b.created,
    createdClient: b.createdClient,
    createdUser: b.createdUser,
    updatedUser: b.updatedUser,
    updated: b.updated,
    version: b.version,
    ...(b.recordCount !== undefined ? { recordCount: b.recordCount } : {}),
    ...(b.size !== undefined ? { size: b.size } : {}),
  }
}

/** A dataSetFile object as `GET /dataSets/{id}/views/{viewId}/files` lists it (aep-api.md §1.2). */
export function dataSetFileEntry(state: SimulatorState, d: DatasetRecord, b: BatchRecord, g: FileGroupRecord): CatalogEntry {
  return {
    id: g.dataSetFileId,
    wire: {
      id: g.dataSetFileId,
      batchId: b.id,
      dataSetViewId: d.viewId,
      imsOrg: state.orgId,
      createdUser: b.createdUser,
      createdClient: b.createdClient,
      updatedUser: b.updatedUser,
      version: '1.0.0',
      created: g.created,
      updated: g.created,
    },
  }
}
