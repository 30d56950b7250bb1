import 'server-only'
import type { Batch, Dataset } from '../types'
import type { WireBatch, WireDataset } from '../wire/catalog'

export const scoreDatasetPrefix = 'Customer AI Scores - '

/** `Customer AI Scores - Churn EMEA` → `Churn EMEA`; undefined for other datasets. */
export function instanceNameOf(datasetName: string): string | undefined {
  if (!datasetName.startsWith(scoreDatasetPrefix)) return undefined
  const instance = datasetName.slice(scoreDatasetPrefix.length).trim()
  return instance === '' ? undefined : instance
}

export function reshapeTags(tags: Record<string, unknown> | null | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(tags ?? {})) {
    const values = Array.isArray(value) ? value : [value]
    result[name] = values.filter((item): item is string => typeof item === 'string')
  }
  return result
}

export function reshapeDataset(id: string, wire: WireDataset): Dataset {
  const tags = reshapeTags(wire.tags)
  return {
    id,
    name: wire.name,
    description: wire.description ?? undefined,
    instanceName: instanceNameOf(wire.name),
    created: wire.created,
    updated: wire.updated ?? wire.created,
    lastBatchId: wire.lastBatchId ?? undefined,
    lastBatchStatus: wire.lastBatchStatus ?? undefined,
    profileEnabled: (tags.unifiedProfile ?? []).some((value) => value.replace(/\s/g, '').toLowerCase() === 'enabled:true'),
    schemaId: wire.schemaRef?.id ?? undefined,
    tags,
  }
}

/**
 * A Catalog batch, keyed by `key` in the answer. The key is the batch id; an object that carries no `id` of its own
 * (the ingestion-style shape) names itself in a `relatedObjects` entry of type `batch`, which then wins.
 */
export function reshapeBatch(key: string, wire: WireBatch): Batch {
  const related = (type: string) => wire.relatedObjects?.find((object) => object.type === type)?.id ?? undefined
  const relatedBatchId = wire.id ? undefined : related('batch')
  const metrics = numericEntries(wire.metrics)
  const started = wire.started ?? undefined
  const completed = wire.completed ?? undefined
  return {
    id: relatedBatchId ?? key,
    idSource: relatedBatchId ? 'relatedObjects' : 'key',
    datasetId: related('dataSet'),
    status: wire.status,
    created: wire.created,
    started,
    completed,
    updated: wire.updated ?? undefined,
    durationMs: started !== undefined && completed !== undefined && completed >= started ? completed - started : undefined,
    recordCount: wire.recordCount ?? metrics.outputRecordCount ?? metrics.recordsWritten,
    failedRecordCount: wire.failedRecordCount ?? metrics.recordsFailed,
    size: wire.size ?? metrics.outputByteSize,
    errors: (wire.errors ?? []).map((error) => ({ code: error.code ?? '', description: error.description ?? '' })),
    predecessors: wire.replay?.predecessors ?? [],
    replayReason: wire.replay?.reason ?? undefined,
    createdClient: wire.createdClient ?? undefined,
    metrics,
  }
}

function numericEntries(metrics: Record<string, unknown> | null | undefined): Record<string, number> {
  const result: Record<string, number> = {}
  for (const [name, value] of Object.entries(metrics ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value)) result[name] = value
  }
  return result
}
