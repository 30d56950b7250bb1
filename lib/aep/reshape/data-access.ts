import 'server-only'
import type { BatchFile, PartFile } from '../types'
import type { WireBatchFile, WirePartItem } from '../wire/data-access'

export function reshapeBatchFile(wire: WireBatchFile): BatchFile {
  return {
    dataSetFileId: wire.dataSetFileId,
    created: wire.created,
    records: wire.records ?? undefined,
    size: wire.size ?? undefined,
  }
}

export function reshapePart(dataSetFileId: string, wire: WirePartItem): PartFile {
  return { dataSetFileId, name: wire.name, size: wire.length }
}
