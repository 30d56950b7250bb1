// Where a chunk's pages are, from its offset index, and what they hold, from its column index. A chunk's layout is
// what every read plans with: its dictionary page's bytes and, per data page, its bytes and the rows starting in it.
import { readColumnIndex, readOffsetIndex, type ParquetParsers, type SchemaElement } from 'hyparquet'
import type { ByteRange } from './coalesce'
import type { ChunkInfo } from './types'

export interface LayoutPage extends ByteRange {
  /** File-global index of the first row starting in the page. */
  firstRow: number
  /** Rows starting in the page. */
  rowCount: number
  /** The page opens with the tail of a row begun in the page before (V1 pages without a page index may split rows). */
  startsMidRow: boolean
}

export interface ChunkLayout {
  chunk: ChunkInfo
  dictionary?: ByteRange
  pages: LayoutPage[]
}

export interface PageStatistics {
  min?: unknown
  max?: unknown
  nullCount?: bigint
  allNull?: boolean
}

const readerOf = (bytes: Uint8Array) => ({
  view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  offset: 0,
})

/** A chunk's layout from its offset index (whose page offsets point at page headers; sizes include the header). */
export function layoutFromOffsetIndex(chunk: ChunkInfo, offsetIndex: Uint8Array): ChunkLayout {
  const locations = readOffsetIndex(readerOf(offsetIndex)).page_locations
  const first = locations[0]
  if (!first) throw new Error(`parquet offset index of row group ${chunk.rowGroup} lists no pages`)
  const pages = locations.map((location, i): LayoutPage => {
    const start = Number(location.offset)
    const next = locations[i + 1]
    const rowStart = Number(location.first_row_index)
    const rowEnd = next ? Number(next.first_row_index) : chunk.rowCount
    return {
      start,
      end: start + location.compressed_page_size,
      firstRow: chunk.firstRow + rowStart,
      rowCount: rowEnd - rowStart,
      startsMidRow: false,
    }
  })
  // The dictionary page, when there is one, fills the bytes before the first data page (as hyparquet assumes;
  // this also covers writers that leave dictionary_page_offset unset).
  const firstPage = Number(first.offset)
  const dictionary = firstPage > chunk.byteOffset ? { start: chunk.byteOffset, end: firstPage } : undefined
  return { chunk, dictionary, pages }
}

/** Per-page statistics from a column index, converted like hyparquet converts footer statistics. */
export function statisticsFromColumnIndex(
  columnIndex: Uint8Array,
  element: SchemaElement,
  parsers: ParquetParsers,
): PageStatistics[] {
  const index = readColumnIndex(readerOf(columnIndex), element, parsers)
  return index.null_pages.map((allNull, i) => ({
    // hyparquet declares these as bytes, but converts them to the leaf's type.
    min: allNull ? undefined : (index.min_values[i] as unknown),
    max: allNull ? undefined : (index.max_values[i] as unknown),
    nullCount: index.null_counts?.[i],
    allNull,
  }))
}
