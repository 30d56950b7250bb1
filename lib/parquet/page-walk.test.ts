// Files without a page index whose V1 pages split rows of a repeated leaf (parquet-mr did, before page indexes):
// walking the headers must count the rows starting in each page by their levels, and reads must stitch a row's
// pieces back together across pages.
import { parquetMetadata, parquetSchema } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { cachedAsyncBuffer } from './cached-buffer'
import { DEFAULT_PARSERS } from './hyparquet-internals'
import { buildLeaves } from './leaves'
import { sliceRun } from './levels'
import { walkChunk } from './page-walk'
import { planRange, planRows, readRuns } from './read-plan'
import { goldenV1 } from './testing/golden'
import { memoryBuffer } from './testing/local-file'
import { v1Page, type Entry } from './testing/v1-pages'
import type { ChunkInfo } from './types'

// The leaf `l.list.element` of the golden file: an optional list of optional INT32 (max rep 1, max def 3).
const leaf = buildLeaves(parquetMetadata(goldenV1), parquetSchema(parquetMetadata(goldenV1)), { parsers: DEFAULT_PARSERS })[2]

// Ten rows: row 4 has a null list, row 6 an empty one, row 7 eight elements; the others [r, 10 r].
const rows: Entry[][] = Array.from({ length: 10 }, (_, r) => {
  if (r === 4) return [{ rep: 0, def: 0 }]
  if (r === 6) return [{ rep: 0, def: 1 }]
  const items = r === 7 ? [70, 71, 72, 73, 74, 75, 76, 77] : [r, 10 * r]
  return items.map((value, i) => ({ rep: i === 0 ? 0 : 1, def: 3, value }))
})
const entries = rows.flat()
// Pages cut anywhere: inside row 3, inside row 7 twice (so one page holds only a piece of row 7), before row 8.
const cuts = [7, 15, 19, 20, entries.length]
const pages = cuts.map((end, i) => v1Page(entries.slice(cuts[i - 1] ?? 0, end)))
const bytes = new Uint8Array(pages.reduce((sum, p) => sum + p.length, 0))
pages.reduce((at, page) => (bytes.set(page, at), at + page.length), 0)

const chunk: ChunkInfo = {
  rowGroup: 0,
  firstRow: 0,
  rowCount: rows.length,
  byteOffset: 0,
  compressedSize: bytes.length,
  uncompressedSize: bytes.length,
  numValues: entries.length,
  codec: 'UNCOMPRESSED',
  encodings: ['PLAIN', 'RLE'],
}

const expectedRows = (from: number, to: number) => {
  const picked = rows.slice(from, to).flat()
  return { rep: picked.map((e) => e.rep), def: picked.map((e) => e.def), values: picked.flatMap((e) => (e.value === undefined ? [] : [e.value])) }
}

describe('V1 pages splitting rows, without a page index', () => {
  if (!leaf) throw new Error('golden leaf missing')

  it('counts the rows starting in each page from its repetition levels', async () => {
    const layout = await walkChunk(memoryBuffer(bytes.slice().buffer), leaf, chunk)
    expect(layout.pages.map((p) => [p.firstRow, p.rowCount, p.startsMidRow])).toEqual([
      [0, 4, false], // rows 0-3, the last cut short
      [4, 4, true], // the end of row 3, rows 4-7
      [8, 0, true], // only a piece of row 7
      [8, 0, true], // the rest of row 7
      [8, 2, false], // rows 8-9
    ])
  })

  it('reads any row range, stitching rows split across pages', async () => {
    const file = cachedAsyncBuffer(memoryBuffer(bytes.slice().buffer))
    const layout = await walkChunk(file, leaf, chunk)
    for (let from = 0; from < rows.length; from++) {
      for (let to = from + 1; to <= rows.length; to++) {
        const [read] = await readRuns({ file, dictionaries: new Map() }, [{ leaf, runs: [planRange(layout, from, to)] }])
        const run = read?.[0]
        if (!run) throw new Error('no run')
        const slice = sliceRun(run, from, to, 3)
        expect({ rep: Array.from(slice.rep ?? []), def: Array.from(slice.def ?? []), values: Array.from(slice.values) }).toEqual(expectedRows(from, to))
      }
    }
  })

  it('reads single rows through the pages holding them', async () => {
    const file = cachedAsyncBuffer(memoryBuffer(bytes.slice().buffer))
    const layout = await walkChunk(file, leaf, chunk)
    const runs = planRows(layout, [2, 3, 7, 9])
    const [read] = await readRuns({ file, dictionaries: new Map() }, [{ leaf, runs }])
    for (const row of [2, 3, 7, 9]) {
      const run = read?.find((r) => row >= r.firstRow && row < r.firstRow + r.rowCount)
      if (!run) throw new Error(`row ${row} not read`)
      expect(Array.from(sliceRun(run, row, row + 1, 3).values)).toEqual(expectedRows(row, row + 1).values)
    }
  })
})
