// The leaves of a file, from its footer: where each leaf's chunks are in every row group, their levels and types,
// and the decoder hyparquet's page functions need for them.
import type { ColumnChunk, FileMetaData, ParquetParsers, SchemaTree, Compressors } from 'hyparquet'
import {
  getMaxDefinitionLevel,
  getMaxRepetitionLevel,
  getTreePath,
  type LeafDecoder,
} from './hyparquet-internals'
import type { ByteRange } from './coalesce'
import type { ChunkInfo, LeafInfo } from './types'

/** A leaf with what reading it takes. */
export interface LeafContext {
  info: LeafInfo
  /** Index of the leaf among the row group's column chunks. */
  column: number
  schemaPath: SchemaTree[]
  decoder(chunk: ChunkInfo): LeafDecoder
}

export const leafKey = (path: readonly string[]): string => path.join('.')

function indexRange(offset: bigint | undefined, length: number | undefined): ByteRange | undefined {
  if (offset === undefined || !length) return undefined
  return { start: Number(offset), end: Number(offset) + length }
}

function chunkInfo(chunk: ColumnChunk, rowGroup: number, firstRow: number, rowCount: number): ChunkInfo {
  const meta = chunk.meta_data
  if (!meta) throw new Error('parquet column chunk without metadata')
  if (chunk.file_path) throw new Error('parquet column chunks in other files are not supported')
  // As hyparquet: a zero dictionary offset means none (some writers store 0).
  const byteOffset = Number(meta.dictionary_page_offset || meta.data_page_offset)
  return {
    rowGroup,
    firstRow,
    rowCount,
    byteOffset,
    compressedSize: Number(meta.total_compressed_size),
    uncompressedSize: Number(meta.total_uncompressed_size),
    numValues: Number(meta.num_values),
    codec: meta.codec,
    encodings: meta.encodings,
    statistics: meta.statistics,
    offsetIndex: indexRange(chunk.offset_index_offset, chunk.offset_index_length),
    columnIndex: indexRange(chunk.column_index_offset, chunk.column_index_length),
  }
}

export function buildLeaves(
  metadata: FileMetaData,
  schema: SchemaTree,
  options: { parsers: ParquetParsers; compressors?: Compressors },
): LeafContext[] {
  const first = metadata.row_groups[0]
  if (!first) return []
  const groupStarts: number[] = []
  let rows = 0
  for (const group of metadata.row_groups) {
    groupStarts.push(rows)
    rows += Number(group.num_rows)
  }
  return first.columns.map((firstChunk, column) => {
    const path = firstChunk.meta_data?.path_in_schema
    if (!path) throw new Error('parquet column chunk without metadata')
    const schemaPath = getTreePath(schema, path)
    const element = schemaPath.at(-1)?.element
    if (!element?.type) throw new Error(`parquet leaf ${leafKey(path)} has no physical type`)
    const chunks = metadata.row_groups.map((group, rowGroup) => {
      const chunk = group.columns[column]
      if (!chunk || leafKey(chunk.meta_data?.path_in_schema ?? []) !== leafKey(path)) {
        throw new Error(`parquet row group ${rowGroup} does not list ${leafKey(path)} at column ${column}`)
      }
      return chunkInfo(chunk, rowGroup, groupStarts[rowGroup] ?? 0, Number(group.num_rows))
    })
    const info: LeafInfo = {
      path,
      name: leafKey(path),
      physicalType: element.type,
      logicalType: element.logical_type,
      convertedType: element.converted_type,
      maxDefinitionLevel: getMaxDefinitionLevel(schemaPath),
      maxRepetitionLevel: getMaxRepetitionLevel(schemaPath),
      codec: chunks[0]?.codec ?? 'UNCOMPRESSED',
      compressedSize: chunks.reduce((sum, c) => sum + c.compressedSize, 0),
      uncompressedSize: chunks.reduce((sum, c) => sum + c.uncompressedSize, 0),
      chunks,
      hasOffsetIndex: chunks.every((c) => c.offsetIndex),
      hasColumnIndex: chunks.every((c) => c.columnIndex),
    }
    const decoder = (chunk: ChunkInfo): LeafDecoder => ({
      pathInSchema: path,
      type: element.type ?? 'BYTE_ARRAY',
      element,
      schemaPath,
      codec: chunk.codec,
      parsers: options.parsers,
      compressors: options.compressors,
      utf8: true,
    })
    return { info, column, schemaPath, decoder }
  })
}
