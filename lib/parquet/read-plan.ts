// Which pages a row range needs, and reading them: for every requested leaf, the runs of consecutive pages holding
// the rows, plus their chunk's dictionary page. All byte ranges of one read are coalesced and fetched together; the
// last page of a run is read by prefix when only its first rows are needed (page-prefix.ts), whole otherwise.
import type { AsyncBuffer } from 'hyparquet'
import { fetchRanges, type ByteRange, type FetchedBytes } from './coalesce'
import type { DecodedValues } from './hyparquet-internals'
import type { LeafContext } from './leaves'
import { buildRun, type LeafRun } from './levels'
import { decodeDataPage, decodeDictionaryPage, type DecodedPage } from './page-decode'
import type { ChunkLayout, LayoutPage } from './page-index'
import { decodeDataPagePrefix } from './page-prefix'

export interface RunRequest {
  layout: ChunkLayout
  /** Page indexes, inclusive. */
  first: number
  last: number
  /** Rows needed from the last page, counted from its first row; undefined when the whole page is needed. */
  lastPageRows?: number
  /**
   * For a one-page run read for scattered rows: the only rows (file-global, sorted) whose values are needed. Other
   * rows' values are then not decoded, and slicing them out of the run is an error.
   */
  onlyRows?: number[]
}

export interface LeafRequest {
  leaf: LeafContext
  runs: RunRequest[]
}

export interface ReadContext {
  file: AsyncBuffer
  maxGap?: number
  /** Decoded dictionaries by leaf name and row group: decoding a 100 KB dictionary again for every read is waste. */
  dictionaries: Map<string, DecodedValues>
}

/** The page in which row `row` starts (pages holding only the tail of an earlier row start none). */
function pageOfRow(layout: ChunkLayout, row: number): number {
  let found = -1
  layout.pages.forEach((page, i) => {
    if (page.rowCount > 0 && page.firstRow <= row) found = i
  })
  if (found < 0) throw new Error(`row ${row} is not in row group ${layout.chunk.rowGroup}`)
  return found
}

/** The run of pages holding rows [rowStart, rowEnd) of one chunk. */
export function planRange(layout: ChunkLayout, rowStart: number, rowEnd: number): RunRequest {
  const first = pageOfRow(layout, rowStart)
  let last = pageOfRow(layout, rowEnd - 1)
  const page = layout.pages[last]
  if (!page) throw new Error(`row ${rowEnd - 1} is not in row group ${layout.chunk.rowGroup}`)
  const rows = rowEnd - page.firstRow
  if (rows < page.rowCount) return { layout, first, last, lastPageRows: rows }
  // The last row of the page may go on in the next pages (V1 pages without a page index split rows).
  while (layout.pages[last + 1]?.startsMidRow) last += 1
  return { layout, first, last }
}

/**
 * Runs of pages holding the given rows (sorted, unique) of one chunk. Only overlapping runs merge: scattered rows
 * (a top-N's winners, a sorted view) in adjacent pages stay one run a page, each read up to its last needed row,
 * rather than one long run stitched together whole only to be cut into single rows again.
 */
export function planRows(layout: ChunkLayout, rows: readonly number[]): RunRequest[] {
  const runs: RunRequest[] = []
  for (const row of rows) {
    const run = planRange(layout, row, row + 1)
    const previous = runs.at(-1)
    if (!previous || run.first > previous.last) {
      runs.push({ ...run, onlyRows: [row] })
      continue
    }
    previous.onlyRows?.push(row)
    if (run.last > previous.last) {
      previous.last = run.last
      previous.lastPageRows = run.lastPageRows
    } else if (run.last === previous.last) {
      const both = [previous.lastPageRows, run.lastPageRows]
      previous.lastPageRows = both.includes(undefined) ? undefined : Math.max(...(both as number[]))
    }
  }
  // A row split across pages is stitched from whole pages: only one-page runs leave other rows' values out.
  for (const run of runs) if (run.first !== run.last) delete run.onlyRows
  return runs
}

/** A prefix this close to the whole page is not worth a second request should it fall short. */
const WHOLE_PAGE_SHARE = 0.9
/**
 * Scattered rows (a top-N's winners) usually reach far into their page. When the reader has a faster decompressor
 * for whole pages (compressors.ts, on the server), a page needed past half of it is read whole: a few more bytes,
 * no retries, and the fast decompressor instead of the prefix one.
 */
const SCATTERED_WHOLE_PAGE_SHARE = 0.5

/**
 * Bytes to fetch for the first `rows` rows of a page: rows are laid out in order, so proportional, plus slack, and
 * at least 8 KiB (V2 pages put all their levels first; 8 KiB holds those of typical pages). Falling short costs a
 * round trip, not bytes: the next attempt fetches only the rest (cached-buffer.ts).
 */
export function prefixLength(page: LayoutPage, rows: number): number {
  const size = page.end - page.start
  const estimate = Math.max(8192, Math.ceil((size * rows) / Math.max(page.rowCount, 1)) + 2048)
  return estimate >= size * WHOLE_PAGE_SHARE ? size : estimate
}

const dictionaryKey = (leaf: LeafContext, layout: ChunkLayout) => `${leaf.info.name}@${layout.chunk.rowGroup}`

interface PendingPage {
  request: LeafRequest
  run: RunRequest
  page: LayoutPage
  /** Prefix length when only the first `rows` rows are needed. */
  prefix?: { length: number; rows: number }
  /** Row offsets in the page whose values are needed, when not all are. */
  wanted?: number[]
}

function pendingPages(requests: LeafRequest[]): PendingPage[][] {
  return requests.flatMap((request) =>
    request.runs.map((run) =>
      run.layout.pages.slice(run.first, run.last + 1).map((page, i): PendingPage => {
        const rows = run.first + i === run.last ? run.lastPageRows : undefined
        const length = rows === undefined ? undefined : prefixLength(page, rows)
        const fastWhole = run.onlyRows && request.leaf.decoder(run.layout.chunk).compressors?.[run.layout.chunk.codec]
        const share = fastWhole ? SCATTERED_WHOLE_PAGE_SHARE : 1
        const prefix = length !== undefined && rows !== undefined && length < (page.end - page.start) * share ? { length, rows } : undefined
        const wanted = run.onlyRows?.map((row) => row - page.firstRow)
        return { request, run, page, prefix, wanted }
      }),
    ),
  )
}

function decodeDictionaries(ctx: ReadContext, requests: LeafRequest[], fetched: FetchedBytes): void {
  for (const { leaf, runs } of requests) {
    for (const { layout } of runs) {
      const key = dictionaryKey(leaf, layout)
      if (!layout.dictionary || ctx.dictionaries.has(key)) continue
      const bytes = fetched.bytes(layout.dictionary.start, layout.dictionary.end)
      ctx.dictionaries.set(key, decodeDictionaryPage(bytes, leaf.decoder(layout.chunk)))
    }
  }
}

/** After this many prefix attempts a page is read whole. */
const MAX_PREFIX_ROUNDS = 3

const rangeOf = (p: PendingPage): ByteRange => ({
  start: p.page.start,
  end: p.prefix ? p.page.start + p.prefix.length : p.page.end,
})

/** Decodes a pending page from fetched bytes; undefined when its prefix fell short (its next attempt is set). */
function decodePending(ctx: ReadContext, pending: PendingPage, fetched: FetchedBytes): DecodedPage | undefined {
  const { leaf } = pending.request
  const { layout } = pending.run
  const decoder = leaf.decoder(layout.chunk)
  const dictionary = ctx.dictionaries.get(dictionaryKey(leaf, layout))
  const { page, prefix, wanted } = pending
  if (!prefix) return decodeDataPage(fetched.bytes(page.start, page.end), decoder, dictionary, leaf.info, wanted)
  const bytes = fetched.bytes(page.start, page.start + prefix.length)
  const result = decodeDataPagePrefix(bytes, decoder, dictionary, leaf.info, prefix.rows, wanted)
  if (result && 'page' in result) return result.page
  const size = page.end - page.start
  const next = result ? Math.max(result.retryLength, prefix.length + 4096) : size
  pending.prefix = next >= size * WHOLE_PAGE_SHARE ? undefined : { ...prefix, length: next }
  return undefined
}

/** Reads every requested run; the result lists each request's runs in order. */
export async function readRuns(ctx: ReadContext, requests: LeafRequest[], signal?: AbortSignal): Promise<LeafRun[][]> {
  const runs = pendingPages(requests)
  const ranges: ByteRange[] = []
  for (const { leaf, runs: leafRuns } of requests) {
    for (const { layout } of leafRuns) {
      if (layout.dictionary && !ctx.dictionaries.has(dictionaryKey(leaf, layout))) ranges.push(layout.dictionary)
    }
  }
  ranges.push(...runs.flat().map(rangeOf))
  const fetched = await fetchRanges(ctx.file, ranges, { maxGap: ctx.maxGap, signal })
  decodeDictionaries(ctx, requests, fetched)

  const decoded = new Map<PendingPage, DecodedPage>()
  let retry: PendingPage[] = []
  for (const pending of runs.flat()) {
    const page = decodePending(ctx, pending, fetched)
    if (page) decoded.set(pending, page)
    else retry.push(pending)
  }
  for (let round = 1; retry.length; round++) {
    // Prefixes that fell short: fetch the longer prefix (the cache holds the start), or the whole page at last.
    if (round >= MAX_PREFIX_ROUNDS) for (const pending of retry) pending.prefix = undefined
    const more = await fetchRanges(ctx.file, retry.map(rangeOf), { maxGap: ctx.maxGap, signal })
    const still: PendingPage[] = []
    for (const pending of retry) {
      const page = decodePending(ctx, pending, more)
      if (page) decoded.set(pending, page)
      else still.push(pending)
    }
    retry = still
  }

  let at = 0
  return requests.map((request) =>
    request.runs.map(() => {
      const pages = runs[at++] ?? []
      const first = pages[0]
      if (!first) throw new Error('parquet run without pages')
      const run = pages.map((p) => decoded.get(p) as DecodedPage)
      return buildRun(run, first.page.firstRow, request.leaf.info.maxDefinitionLevel)
    }),
  )
}
