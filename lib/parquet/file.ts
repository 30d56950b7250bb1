// Page-level, leaf-level reading of a parquet file over an AsyncBuffer (HTTP Range in the browser's worker, lib/aep
// on the server). hyparquet's public API decodes whole row groups and whole top-level columns: showing 100 rows of
// a 300,000-row Spark file fetched the whole file and took seconds (design.md). Here a read fetches the footer once,
// then only the pages (or page prefixes) and dictionaries holding the requested rows of the requested leaves, and
// assembles only those rows. See types.ts for the API.
import {
  parquetMetadataAsync,
  parquetSchema,
  type AsyncBuffer,
  type Compressors,
  type ParquetParsers,
} from 'hyparquet'
import { assembleRows, pruneSchema } from './assemble'
import { cachedAsyncBuffer, isCachedAsyncBuffer } from './cached-buffer'
import { fetchRanges } from './coalesce'
import { DEFAULT_PARSERS } from './hyparquet-internals'
import { buildLeaves, leafKey, type LeafContext } from './leaves'
import { layoutLoader } from './layouts'
import { concatSlices, sliceRun, type LeafRun, type LevelSlice } from './levels'
import { statisticsFromColumnIndex, type ChunkLayout, type PageStatistics } from './page-index'
import { planRange, planRows, readRuns, type LeafRequest, type ReadContext, type RunRequest } from './read-plan'
import type { ChunkInfo, LeafSlice, PageInfo, ParquetFile, Row } from './types'

export type { ChunkInfo, LeafInfo, LeafSlice, PageInfo, ParquetFile, Row } from './types'
export { rowValues } from './levels'
export { cachedAsyncBuffer } from './cached-buffer'

/** Bytes fetched from the end of a file for its footer unless asked otherwise. */
export const FOOTER_FETCH_BYTES = 64 * 1024

export interface OpenOptions {
  /** Bytes fetched from the end of the file for the footer: 64 KiB covers real score-file footers (1-44 KB). */
  initialFetchSize?: number
  /** Gaps up to this many bytes between needed ranges are fetched rather than split into two requests. */
  maxGap?: number
  parsers?: Partial<ParquetParsers>
  /** Decompressors for codecs beyond SNAPPY (e.g. hyparquet-compressors). */
  compressors?: Compressors
}

const chunkEnd = (chunk: ChunkInfo) => chunk.firstRow + chunk.rowCount

export async function openParquetFile(buffer: AsyncBuffer, options: OpenOptions = {}): Promise<ParquetFile> {
  // Every read goes through one cache, so the footer, page indexes and pages are fetched at most once.
  const file = isCachedAsyncBuffer(buffer) ? buffer : cachedAsyncBuffer(buffer)
  const parsers: ParquetParsers = { ...DEFAULT_PARSERS, ...options.parsers }
  const metadata = await parquetMetadataAsync(file, {
    initialFetchSize: options.initialFetchSize ?? FOOTER_FETCH_BYTES,
    parsers,
  })
  const schema = parquetSchema(metadata)
  const contexts = buildLeaves(metadata, schema, { parsers, compressors: options.compressors })
  const byName = new Map(contexts.map((leaf) => [leaf.info.name, leaf]))
  const numRows = Number(metadata.num_rows)
  const loadLayouts = layoutLoader(file, options.maxGap)
  const ctx: ReadContext = { file, maxGap: options.maxGap, dictionaries: new Map() }

  function leafOf(path: readonly string[]): LeafContext {
    const leaf = byName.get(leafKey(path))
    if (!leaf) throw new Error(`parquet file has no leaf ${leafKey(path)}`)
    return leaf
  }

  function checkRange(rowStart: number, rowEnd: number): void {
    if (!Number.isInteger(rowStart) || !Number.isInteger(rowEnd) || rowStart < 0 || rowEnd > numRows || rowEnd < rowStart) {
      throw new RangeError(`rows ${rowStart}-${rowEnd} are outside 0-${numRows}`)
    }
  }

  const emptySlice = (): LevelSlice => ({ rowCount: 0, values: [] })

  /**
   * Reads, for each leaf, the page runs `plan` asks for in each of its chunks that `wanted` accepts (their layouts
   * loaded together first); the result lists each leaf's runs in chunk order.
   */
  async function readPlanned(
    leaves: LeafContext[],
    wanted: (chunk: ChunkInfo) => boolean,
    plan: (layout: ChunkLayout, chunk: ChunkInfo) => RunRequest[],
    signal?: AbortSignal,
  ): Promise<LeafRun[][]> {
    const chunksOf = (leaf: LeafContext) => leaf.info.chunks.filter(wanted)
    const layouts = await loadLayouts(leaves.flatMap((leaf) => chunksOf(leaf).map((chunk) => ({ leaf, chunk }))), signal)
    let at = 0
    const requests: LeafRequest[] = leaves.map((leaf) => ({
      leaf,
      runs: chunksOf(leaf).flatMap((chunk) => {
        const layout = layouts[at++]
        if (!layout) throw new Error('parquet layout missing')
        return plan(layout, chunk)
      }),
    }))
    return readRuns(ctx, requests, signal)
  }

  /** Level slices of rows [rowStart, rowEnd) for each leaf, keyed by leaf name. */
  async function readSlices(leaves: LeafContext[], rowStart: number, rowEnd: number, signal?: AbortSignal) {
    checkRange(rowStart, rowEnd)
    const slices = new Map<string, LevelSlice>()
    if (rowStart === rowEnd) {
      for (const leaf of leaves) slices.set(leaf.info.name, emptySlice())
      return slices
    }
    const runs = await readPlanned(
      leaves,
      (chunk) => chunk.firstRow < rowEnd && chunkEnd(chunk) > rowStart,
      (layout, chunk) => [planRange(layout, Math.max(rowStart, chunk.firstRow), Math.min(rowEnd, chunkEnd(chunk)))],
      signal,
    )
    leaves.forEach((leaf, i) => {
      const cut = (runs[i] ?? []).map((run) => {
        const from = Math.max(rowStart, run.firstRow)
        const to = Math.min(rowEnd, run.firstRow + run.rowCount)
        return sliceRun(run, from, to, leaf.info.maxDefinitionLevel)
      })
      slices.set(leaf.info.name, concatSlices(cut))
    })
    return slices
  }

  /** Level slices of the rows at `rows` (in that order, repeats allowed) for each leaf. */
  async function readSlicesAt(leaves: LeafContext[], rows: readonly number[], signal?: AbortSignal) {
    for (const row of rows) checkRange(row, row + 1)
    const sorted = [...new Set(rows)].sort((a, b) => a - b)
    const inChunk = (chunk: ChunkInfo) => (row: number) => row >= chunk.firstRow && row < chunkEnd(chunk)
    const runs = await readPlanned(
      leaves,
      (chunk) => sorted.some(inChunk(chunk)),
      (layout, chunk) => planRows(layout, sorted.filter(inChunk(chunk))),
      signal,
    )
    const slices = new Map<string, LevelSlice>()
    leaves.forEach((leaf, i) => {
      const leafRuns: LeafRun[] = runs[i] ?? []
      const cut = rows.map((row) => {
        const run = leafRuns.find((r) => row >= r.firstRow && row < r.firstRow + r.rowCount)
        if (!run) throw new Error(`parquet row ${row} of ${leaf.info.name} was not read`)
        return sliceRun(run, row, row + 1, leaf.info.maxDefinitionLevel)
      })
      slices.set(leaf.info.name, cut.length ? concatSlices(cut) : emptySlice())
    })
    return slices
  }

  function toLeafSlice(leaf: LeafContext, slice: LevelSlice | undefined, rowStart: number, rowEnd: number): LeafSlice {
    return {
      path: leaf.info.path,
      rowStart,
      rowEnd,
      values: slice?.values ?? [],
      definitionLevels: slice?.def,
      repetitionLevels: slice?.rep,
      maxDefinitionLevel: leaf.info.maxDefinitionLevel,
      maxRepetitionLevel: leaf.info.maxRepetitionLevel,
    }
  }

  function prune(leafPaths: string[][]) {
    const pruned = pruneSchema(schema, leafPaths)
    return { ...pruned, leaves: pruned.leaves.map(leafOf) }
  }

  async function pages(leafPath: string[]): Promise<PageInfo[]> {
    const leaf = leafOf(leafPath)
    const layouts = await loadLayouts(leaf.info.chunks.map((chunk) => ({ leaf, chunk })))
    const indexRanges = leaf.info.chunks.flatMap((c) => (c.columnIndex ? [c.columnIndex] : []))
    const fetched = indexRanges.length ? await fetchRanges(file, indexRanges, { maxGap: options.maxGap }) : undefined
    const element = leaf.schemaPath.at(-1)?.element
    return layouts.flatMap((layout) => {
      const range = layout.chunk.columnIndex
      const stats: PageStatistics[] =
        fetched && range && element ? statisticsFromColumnIndex(fetched.bytes(range.start, range.end), element, parsers) : []
      return layout.pages.map((page, i) => ({
        rowGroup: layout.chunk.rowGroup,
        firstRow: page.firstRow,
        rowCount: page.rowCount,
        byteOffset: page.start,
        compressedSize: page.end - page.start,
        ...stats[i],
      }))
    })
  }

  return {
    metadata,
    schema,
    numRows,
    byteLength: file.byteLength,
    leaves: contexts.map((leaf) => leaf.info),
    pages,
    async readLeaf(leafPath, rowStart, rowEnd, signal) {
      const leaf = leafOf(leafPath)
      const slices = await readSlices([leaf], rowStart, rowEnd, signal)
      return toLeafSlice(leaf, slices.get(leaf.info.name), rowStart, rowEnd)
    },
    async readRows(leafPaths, rowStart, rowEnd, signal): Promise<Row[]> {
      const { root, leaves } = prune(leafPaths)
      const slices = await readSlices(leaves, rowStart, rowEnd, signal)
      return assembleRows(schema, root, slices, rowEnd - rowStart, parsers)
    },
    async readRowsAt(leafPaths, rowIndexes, signal): Promise<Row[]> {
      const { root, leaves } = prune(leafPaths)
      const slices = await readSlicesAt(leaves, rowIndexes, signal)
      return assembleRows(schema, root, slices, rowIndexes.length, parsers)
    },
    async readWholeLeaf(leafPath, signal) {
      const leaf = leafOf(leafPath)
      // Fetch each chunk in one request up front; walking headers or reading pages then hits the cache.
      const chunks = leaf.info.chunks.map((c) => ({ start: c.byteOffset, end: c.byteOffset + c.compressedSize }))
      await fetchRanges(file, chunks, { maxGap: 0, signal })
      const slices = await readSlices([leaf], 0, numRows, signal)
      return toLeafSlice(leaf, slices.get(leaf.info.name), 0, numRows)
    },
  }
}
