// The schema and layout facts the preview shows: row groups, leaves, codecs, sizes, page counts, statistics.
import type { ParquetFile } from '@/lib/parquet/types'
import type { FileSummary, LeafSummary } from '@/lib/preview/protocol'
import type { ScoreFields } from '@/lib/scores/locate'

function show(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`
  return String(value)
}

export async function summarise(file: ParquetFile, scoreFields: ScoreFields | undefined, numericLeaves: string[][]): Promise<FileSummary> {
  const leaves = await Promise.all(
    file.leaves.map(async (leaf): Promise<LeafSummary> => {
      const stats = leaf.chunks[0]?.statistics
      // Page counts come from the offset index, which is cheap (one small read for every leaf); without one we do
      // not walk the page headers of every column just to count them.
      const pages = leaf.hasOffsetIndex ? (await file.pages(leaf.path)).length : undefined
      return {
        name: leaf.name,
        path: leaf.path,
        physicalType: leaf.physicalType,
        logicalType: leaf.logicalType?.type ?? leaf.convertedType,
        codec: leaf.codec,
        compressedSize: leaf.compressedSize,
        uncompressedSize: leaf.uncompressedSize,
        pages,
        hasOffsetIndex: leaf.hasOffsetIndex,
        hasColumnIndex: leaf.hasColumnIndex,
        min: show(stats?.min_value),
        max: show(stats?.max_value),
        nullCount: show(stats?.null_count),
      }
    }),
  )
  return {
    numRows: file.numRows,
    byteLength: file.byteLength,
    createdBy: file.metadata.created_by,
    rowGroups: file.metadata.row_groups.map((group, index) => ({
      index,
      numRows: Number(group.num_rows),
      compressedSize: Number(group.total_compressed_size ?? group.columns.reduce((sum, c) => sum + Number(c.meta_data?.total_compressed_size ?? 0), 0)),
    })),
    leaves,
    scoreFields,
    numericLeaves,
  }
}
