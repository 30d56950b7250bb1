import 'server-only'
import type { ExportJob, Segment } from '../types'
import type { WireExportJob, WireSegment } from '../wire/segmentation'

export function reshapeSegment(wire: WireSegment): Segment {
  return {
    id: wire.id,
    name: wire.name,
    description: wire.description ?? undefined,
    expression: wire.expression?.value ?? undefined,
    created: wire.creationTime ?? undefined,
    updated: wire.updateTime ?? undefined,
  }
}

export function reshapeExportJob(wire: WireExportJob): ExportJob {
  const destination = wire.destination
  // A failed job may carry `batchId: ""`: that is "no batch", not a batch called "".
  const batchId = destination?.batchId || destination?.batches?.find((batch) => batch.batchId)?.batchId || undefined
  return {
    id: wire.id,
    status: wire.status,
    segmentIds: (wire.filter?.segments ?? []).map((segment) => segment.segmentId),
    datasetId: destination?.datasetId ?? destination?.dataSetId ?? undefined,
    batchId,
    errors: (wire.errors ?? []).map((error) => ({ code: error.code ?? '', message: error.msg ?? error.message ?? '' })),
    created: wire.creationTime ?? undefined,
    updated: wire.updateTime ?? undefined,
  }
}
