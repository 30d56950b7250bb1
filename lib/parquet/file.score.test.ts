// The page-level reader against DuckDB on real score files: the simulator's Spark-like file (V2 pages, offset and
// column indexes, one row group of 300,000+ rows) and the same rows rewritten by DuckDB (V1 pages, no page index,
// row groups of 100,000 rows). Rows are matched by physical position (read_parquet's file_row_number).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wasmCompressors } from './compressors'
import { openParquetFile } from './file'
import { fieldExpression, openReference, sqlString, type Reference } from './testing/duckdb'
import { openLocalFile, type LocalFile } from './testing/local-file'
import { churnScoreFile, duckdbCopy } from './testing/score-files'
import { ourView, previewFields, referenceSql, referenceView, type PreviewFields } from './testing/score-view'
import type { ParquetFile } from './types'

interface Subject {
  local: LocalFile
  file: ParquetFile
  preview: PreviewFields
}

let reference: Reference
const subjects: Record<'simulator' | 'duckdb', Subject | undefined> = { simulator: undefined, duckdb: undefined }

async function subject(path: string): Promise<Subject> {
  const local = await openLocalFile(path)
  const file = await openParquetFile(local.buffer())
  return { local, file, preview: previewFields(file.schema) }
}

beforeAll(async () => {
  reference = await openReference()
  const { path } = await churnScoreFile()
  subjects.simulator = await subject(path)
  subjects.duckdb = await subject(await duckdbCopy(reference, path))
})

afterAll(async () => {
  await Promise.all(Object.values(subjects).map((s) => s?.local.close()))
  reference.close()
})

describe.each(['simulator', 'duckdb'] as const)('the %s score file', (name) => {
  const get = (): Subject => {
    const s = subjects[name]
    if (!s) throw new Error('not opened')
    return s
  }

  it('is the file we think it is', () => {
    const { file } = get()
    expect(file.numRows).toBeGreaterThanOrEqual(300_000)
    if (name === 'simulator') {
      expect(file.metadata.row_groups).toHaveLength(1)
      expect(file.leaves.find((l) => l.name.endsWith('.score'))?.hasOffsetIndex).toBe(true)
    } else {
      expect(file.metadata.row_groups.length).toBeGreaterThan(1)
      expect(file.leaves.some((l) => l.hasOffsetIndex)).toBe(false)
    }
  })

  const ranges: [string, (n: number) => [number, number]][] = [
    ['the first 100 rows', () => [0, 100]],
    ['a middle range', () => [150_000, 150_050]],
    ['rows 250,000 to 250,100', () => [250_000, 250_101]],
    ['the last rows', (n) => [n - 100, n]],
    ['a range across page boundaries (20,000-row score pages)', () => [19_990, 20_010]],
    ['a range across a row group boundary (DuckDB)', () => [100_340, 100_360]],
  ]

  it.each(ranges)('reads %s like DuckDB', async (_, range) => {
    const { file, local, preview } = get()
    const [from, to] = range(file.numRows)
    const rows = await file.readRows(preview.leaves, from, to)
    const expected = await reference.query(referenceSql(local.path, preview, `file_row_number BETWEEN ${from} AND ${to - 1}`))
    expect(rows).toHaveLength(to - from)
    expect(rows.map((row) => ourView(row, preview))).toEqual(expected.map(referenceView))
  })

  it('reads rows at arbitrary indexes, in the order asked, like DuckDB', async () => {
    const { file, local, preview } = get()
    const indexes = [250_050, 5, 19_999, 19_998, file.numRows - 1, 100_352, 5, 123_456, 0, 200_703, 200_704]
    const rows = await file.readRowsAt(preview.leaves, indexes)
    const expected = await reference.query(referenceSql(local.path, preview, `file_row_number IN (${indexes.join(', ')})`))
    const byRow = new Map(expected.map((row) => [Number(row.row), referenceView(row)]))
    expect(rows.map((row) => ourView(row, preview))).toEqual(indexes.map((i) => byRow.get(i)))
  })

  it('reads one leaf over a range, values and levels', async () => {
    const { file, local, preview } = get()
    const slice = await file.readLeaf(preview.fields.score, 99_990, 100_400)
    const expected = await reference.query(
      referenceSql(local.path, preview, 'file_row_number BETWEEN 99990 AND 100399'),
    )
    expect(slice.rowStart).toBe(99_990)
    expect(slice.repetitionLevels).toBeUndefined()
    expect(Array.from(slice.values)).toEqual(expected.map((row) => row.score))
  })

  it('reads the whole score leaf like DuckDB', async () => {
    const { file, local, preview } = get()
    const slice = await file.readWholeLeaf(preview.fields.score)
    const expected = await reference.query(
      `SELECT ${fieldExpression(preview.fields.score)} AS score FROM read_parquet(${sqlString(local.path)}, file_row_number=true) ORDER BY file_row_number`,
    )
    expect(slice.values).toHaveLength(file.numRows)
    expect(Array.from(slice.values)).toEqual(expected.map((row) => row.score))
  })

  it('lists pages that cover every row once', async () => {
    const { file, preview } = get()
    for (const leaf of [preview.fields.score, preview.fields.factors?.code ?? []]) {
      const pages = await file.pages(leaf)
      let next = 0
      for (const page of pages) {
        expect(page.firstRow).toBe(next)
        next += page.rowCount
      }
      expect(next).toBe(file.numRows)
      if (name === 'simulator') expect(pages.length).toBeGreaterThan(10)
    }
  })
})

describe('scattered rows deep in a page', () => {
  // One row 70% into the fourth page of the score leaf: without a whole-page decompressor the reader fetches a prefix
  // of the page; with one (the server's), the whole page, and both give the same row.
  async function readDeep(compressors: boolean) {
    const s = subjects.simulator
    if (!s) throw new Error('not opened')
    const buffer = s.local.buffer()
    const file = await openParquetFile(buffer, compressors ? { compressors: wasmCompressors() } : {})
    const page = (await file.pages(s.preview.fields.score))[3]
    if (!page) throw new Error('the score leaf has fewer than four pages')
    const row = page.firstRow + Math.floor(page.rowCount * 0.7)
    const before = buffer.bytesFetched
    const [read] = await file.readRowsAt([s.preview.fields.score], [row])
    return { read, fetched: buffer.bytesFetched - before, page }
  }

  it('reads a prefix with the JavaScript decompressor and the whole page with a faster one', async () => {
    const prefix = await readDeep(false)
    const whole = await readDeep(true)
    expect(prefix.fetched).toBeLessThan(prefix.page.compressedSize)
    expect(whole.fetched).toBeGreaterThanOrEqual(whole.page.compressedSize)
    expect(whole.read).toEqual(prefix.read)
    expect(prefix.read).toBeDefined()
  })
})
