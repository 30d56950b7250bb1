// The page-level reader's public shapes (see file.ts). Row numbers are file-global and zero-based; row ranges are
// half-open, [rowStart, rowEnd).
import type {
  CompressionCodec,
  ConvertedType,
  Encoding,
  FileMetaData,
  LogicalType,
  ParquetType,
  SchemaTree,
  Statistics,
} from 'hyparquet'
import type { ByteRange } from './coalesce'
import type { DecodedValues } from './hyparquet-internals'

/** One leaf's column chunk in one row group, from the footer. */
export interface ChunkInfo {
  rowGroup: number
  /** File-global index of the row group's first row. */
  firstRow: number
  rowCount: number
  /** First byte of the chunk: its dictionary page, else its first data page. */
  byteOffset: number
  compressedSize: number
  uncompressedSize: number
  /** Level entries (values and nulls, list elements counted one by one). */
  numValues: number
  codec: CompressionCodec
  encodings: Encoding[]
  statistics?: Statistics
  offsetIndex?: ByteRange
  columnIndex?: ByteRange
}

/** A leaf (a primitive column) of the schema. */
export interface LeafInfo {
  path: string[]
  /** `path` joined with dots, as parquet tools print it. */
  name: string
  physicalType: ParquetType
  logicalType?: LogicalType
  convertedType?: ConvertedType
  maxDefinitionLevel: number
  maxRepetitionLevel: number
  /** The codec of its first chunk (writers use one codec per column). */
  codec: CompressionCodec
  compressedSize: number
  uncompressedSize: number
  chunks: ChunkInfo[]
  /** True when every chunk has one. */
  hasOffsetIndex: boolean
  hasColumnIndex: boolean
}

/** A data page of a leaf. */
export interface PageInfo {
  rowGroup: number
  /** File-global index of the first row that starts in this page. */
  firstRow: number
  /** Rows that start in this page. */
  rowCount: number
  /** Offset of the page header. */
  byteOffset: number
  /** Header and body. */
  compressedSize: number
  /** From the column index, when the file has one. */
  min?: unknown
  max?: unknown
  nullCount?: bigint
  allNull?: boolean
}

/**
 * One leaf's values for a range of rows, undecoded by Dremel: the leaf's non-null values in order, and the levels
 * that place them. For a leaf that is neither repeated nor nested under optional groups, values are one per row.
 */
export interface LeafSlice {
  path: string[]
  rowStart: number
  rowEnd: number
  /** Non-null values, converted like hyparquet does (UTF8 to string, timestamps to Date, INT64 to bigint...). */
  values: DecodedValues
  /** One per level entry; absent when the leaf and all its ancestors are required. */
  definitionLevels?: Uint8Array
  /** One per level entry; 0 starts a new row. Absent for leaves outside any repeated group. */
  repetitionLevels?: Uint8Array
  maxDefinitionLevel: number
  maxRepetitionLevel: number
}

export type Row = Record<string, unknown>

export interface ParquetFile {
  metadata: FileMetaData
  schema: SchemaTree
  numRows: number
  byteLength: number
  leaves: LeafInfo[]
  /** The leaf's data pages, from its offset index when present, else by walking page headers. */
  pages(leafPath: string[]): Promise<PageInfo[]>
  /** Values and levels of exactly rows [rowStart, rowEnd), reading only the pages (and dictionary) holding them. */
  readLeaf(leafPath: string[], rowStart: number, rowEnd: number, signal?: AbortSignal): Promise<LeafSlice>
  /**
   * Rows [rowStart, rowEnd) as nested objects shaped like hyparquet's parquetReadObjects, holding only the requested
   * leaves (a group path stands for every leaf under it; a map's key is read with its values).
   */
  readRows(leafPaths: string[][], rowStart: number, rowEnd: number, signal?: AbortSignal): Promise<Row[]>
  /** The rows at these indexes, in the order given, reading only the pages that hold them. */
  readRowsAt(leafPaths: string[][], rowIndexes: readonly number[], signal?: AbortSignal): Promise<Row[]>
  /** Every row of one leaf (for sort, filter and top-N): that leaf's pages and nothing else. */
  readWholeLeaf(leafPath: string[], signal?: AbortSignal): Promise<LeafSlice>
}
