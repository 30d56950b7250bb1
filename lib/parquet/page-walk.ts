// A chunk's layout when the file has no offset index (DuckDB writes none): walk its page headers, fetching only the
// headers, a small window at a time, and skipping each page body. Row counts come from the headers, except for V1
// pages of repeated leaves, which do not say how many rows they hold: those pages are decoded to count rows.
import type { AsyncBuffer, PageHeader } from 'hyparquet'
import { fetchRanges, type ByteRange } from './coalesce'
import { decompressPage, readDataPage } from './hyparquet-internals'
import type { LeafContext } from './leaves'
import { readHeader } from './page-decode'
import type { ChunkLayout, LayoutPage } from './page-index'
import type { ChunkInfo } from './types'

/** Headers are tens of bytes; a window of 1 KiB usually holds a dictionary page and the next header too. */
const FIRST_WINDOW = 1024

interface WalkedPage extends ByteRange {
  header: PageHeader
  bodyStart: number
  rowCount?: number
}

async function walkHeaders(file: AsyncBuffer, chunk: ChunkInfo, signal?: AbortSignal): Promise<WalkedPage[]> {
  const end = chunk.byteOffset + chunk.compressedSize
  let window = { start: 0, bytes: new Uint8Array(0) }
  const walked: WalkedPage[] = []
  let pos = chunk.byteOffset
  while (pos < end) {
    let size = FIRST_WINDOW
    let parsed: ReturnType<typeof readHeader> | undefined
    while (!parsed) {
      const at = pos - window.start
      const windowEnd = window.start + window.bytes.length
      if (at >= 0 && at < window.bytes.length) {
        try {
          parsed = readHeader(window.bytes.subarray(at))
          break
        } catch (error) {
          // A header cut off by the window's end fails to parse: fetch a window starting at it. A header that
          // fails with the whole rest of the chunk at hand is broken.
          if (windowEnd >= end) throw error
          if (window.start === pos) size = window.bytes.length * 8
        }
      }
      signal?.throwIfAborted()
      const to = Math.min(end, pos + size)
      window = { start: pos, bytes: new Uint8Array(await file.slice(pos, to)) }
    }
    const { header, bodyStart } = parsed
    const pageEnd = pos + bodyStart + header.compressed_page_size
    walked.push({ start: pos, end: pageEnd, header, bodyStart })
    pos = pageEnd
  }
  return walked
}

/** Counts the rows starting in V1 pages of a repeated leaf, and whether each opens mid-row, by decoding levels. */
async function countRepeatedRows(
  file: AsyncBuffer,
  leaf: LeafContext,
  chunk: ChunkInfo,
  pages: WalkedPage[],
  signal?: AbortSignal,
): Promise<Map<WalkedPage, { rows: number; midRow: boolean }>> {
  const fetched = await fetchRanges(file, pages, { signal })
  const decoder = leaf.decoder(chunk)
  const counts = new Map<WalkedPage, { rows: number; midRow: boolean }>()
  for (const page of pages) {
    const daph = page.header.data_page_header
    if (!daph) throw new Error('parquet data page header is missing')
    const body = fetched.bytes(page.start + page.bodyStart, page.end)
    const raw = readDataPage(decompressPage(body, page.header.uncompressed_page_size, chunk.codec, decoder.compressors), daph, decoder)
    let rows = 0
    for (const level of raw.repetitionLevels) if (level === 0) rows += 1
    counts.set(page, { rows, midRow: raw.repetitionLevels.length > 0 && raw.repetitionLevels[0] !== 0 })
  }
  return counts
}

export async function walkChunk(
  file: AsyncBuffer,
  leaf: LeafContext,
  chunk: ChunkInfo,
  signal?: AbortSignal,
): Promise<ChunkLayout> {
  const walked = await walkHeaders(file, chunk, signal)
  const dictionaryPage = walked.find((p) => p.header.type === 'DICTIONARY_PAGE')
  const dataPages = walked.filter((p) => p.header.type === 'DATA_PAGE' || p.header.type === 'DATA_PAGE_V2')
  const repeated = leaf.info.maxRepetitionLevel > 0
  const unknown = dataPages.filter((p) => p.header.type === 'DATA_PAGE' && repeated)
  // A lone data page holds the whole row group; otherwise V1 repeated pages must be counted.
  const counted =
    unknown.length > 0 && dataPages.length > 1 ? await countRepeatedRows(file, leaf, chunk, unknown, signal) : undefined

  let firstRow = chunk.firstRow
  const pages = dataPages.map((page): LayoutPage => {
    const v2 = page.header.data_page_header_v2
    const v1 = page.header.data_page_header
    const count = counted?.get(page)
    let rowCount: number
    if (v2) rowCount = v2.num_rows
    else if (count) rowCount = count.rows
    else if (repeated) rowCount = chunk.rowCount
    else rowCount = v1?.num_values ?? 0
    const layoutPage = { start: page.start, end: page.end, firstRow, rowCount, startsMidRow: count?.midRow ?? false }
    firstRow += rowCount
    return layoutPage
  })
  if (firstRow - chunk.firstRow !== chunk.rowCount) {
    throw new Error(`parquet pages of ${leaf.info.name} hold ${firstRow - chunk.firstRow} rows, not ${chunk.rowCount}`)
  }
  const dictionary = dictionaryPage ? { start: dictionaryPage.start, end: dictionaryPage.end } : undefined
  return { chunk, dictionary, pages }
}
