// What reads cost, on the simulator's 300,000-row score file (design.md, "Numbers we hold ourselves to"): a preview
// of 100 rows anywhere in the file fetches at most 3% of it, the whole score leaf less than 15% and no other leaf,
// and the same rows come out as hyparquet's own parquetReadObjects gives them.
import { parquetReadObjects } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openParquetFile } from './file'
import { openLocalFile, type LocalFile } from './testing/local-file'
import { churnScoreFile } from './testing/score-files'
import { previewFields } from './testing/score-view'

let local: LocalFile

beforeAll(async () => {
  local = await openLocalFile((await churnScoreFile()).path)
})

afterAll(() => local.close())

/** Opens the file on a fresh counting buffer and runs `read`; bytes and requests include the footer. */
async function measure<T>(read: (file: Awaited<ReturnType<typeof openParquetFile>>) => Promise<T>) {
  const buffer = local.buffer()
  const started = performance.now()
  const file = await openParquetFile(buffer)
  const footerBytes = buffer.bytesFetched
  const result = await read(file)
  const ms = performance.now() - started
  const share = buffer.bytesFetched / local.byteLength
  return { file, result, ms, bytes: buffer.bytesFetched, footerBytes, requests: buffer.requests, share, buffer }
}

const report = (label: string, m: { bytes: number; share: number; requests: number; ms: number }) =>
  console.info(`${label}: ${m.bytes} bytes (${(m.share * 100).toFixed(2)}% of ${local.byteLength}), ${m.requests} requests, ${m.ms.toFixed(0)} ms`)

describe('bytes fetched from the simulator score file', () => {
  it('previews the first 100 rows with at most 3% of the file', async () => {
    const m = await measure(async (file) => file.readRows(previewFields(file.schema).leaves, 0, 100))
    report('first 100 rows', m)
    expect(m.result).toHaveLength(100)
    expect(m.share).toBeLessThanOrEqual(0.03)
  })

  it('previews rows 250,000 to 250,100 with at most 3% of the file', async () => {
    const m = await measure(async (file) => file.readRows(previewFields(file.schema).leaves, 250_000, 250_100))
    report('rows 250,000-250,100', m)
    expect(m.share).toBeLessThanOrEqual(0.03)
  })

  it('reads a row range of one leaf from only the pages holding it', async () => {
    const m = await measure(async (file) => {
      const score = previewFields(file.schema).fields.score
      const pages = (await file.pages(score)).filter((p) => p.firstRow < 250_100 && p.firstRow + p.rowCount > 250_000)
      await file.readLeaf(score, 250_000, 250_100)
      return pages
    })
    const pageBytes = m.result.reduce((sum, p) => sum + p.compressedSize, 0)
    expect(m.result.length).toBeGreaterThan(0)
    expect(m.bytes - m.footerBytes).toBeLessThanOrEqual(pageBytes)
  })

  it('reads the whole score leaf with less than 15% of the file, touching no other leaf', async () => {
    const m = await measure(async (file) => file.readWholeLeaf(previewFields(file.schema).fields.score))
    report('whole score leaf', m)
    const chunk = m.file.leaves.find((leaf) => leaf.name.endsWith('.score'))?.compressedSize ?? 0
    expect(m.result.values).toHaveLength(m.file.numRows)
    expect(m.share).toBeLessThan(0.15)
    expect(m.bytes - m.footerBytes).toBeLessThanOrEqual(chunk)
  })

  it('serves repeated reads from its cache', async () => {
    const m = await measure(async (file) => {
      const { leaves } = previewFields(file.schema)
      await file.readRows(leaves, 0, 100)
      return file.readRows(leaves, 10, 60)
    })
    const once = await measure(async (file) => file.readRows(previewFields(file.schema).leaves, 0, 100))
    expect(m.bytes).toBe(once.bytes)
  })
})

describe('rows compared with hyparquet', () => {
  it('gives the same objects as parquetReadObjects for rows 0 to 100', async () => {
    const ours = await measure(async (file) => file.readRows(file.schema.children.map((c) => [c.element.name]), 0, 100))
    report('ours, every leaf, rows 0-100', ours)
    // hyparquet's default read fetches and assembles the whole 300,000-row file (tens of seconds); the offset index
    // narrows its fetch to the pages holding the rows, which keeps this test quick and decodes the same pages.
    const buffer = local.buffer()
    const started = performance.now()
    const theirs = await parquetReadObjects({ file: buffer, rowStart: 0, rowEnd: 100, useOffsetIndex: true })
    report('hyparquet parquetReadObjects(useOffsetIndex), rows 0-100', {
      bytes: buffer.bytesFetched,
      share: buffer.bytesFetched / local.byteLength,
      requests: buffer.requests,
      ms: performance.now() - started,
    })
    expect(ours.result).toEqual(theirs)
  })

  it('gives the same objects for the preview leaves, where hyparquet reads whole top-level columns', async () => {
    const ours = await measure(async (file) => file.readRows(previewFields(file.schema).leaves, 0, 100))
    const { leaves } = previewFields(ours.file.schema)
    const theirs = await parquetReadObjects({ file: local.buffer(), rowStart: 0, rowEnd: 100, useOffsetIndex: true })
    // Project hyparquet's rows onto the leaves we asked for: the object shapes must agree on every shared field.
    const project = (value: unknown, ours: unknown): unknown => {
      if (Array.isArray(ours) && Array.isArray(value)) return value.map((v, i) => project(v, ours[i]))
      if (ours && typeof ours === 'object' && !(ours instanceof Date) && value && typeof value === 'object') {
        return Object.fromEntries(Object.keys(ours).map((k) => [k, project((value as Record<string, unknown>)[k], (ours as Record<string, unknown>)[k])]))
      }
      return value
    }
    expect(leaves.length).toBeGreaterThan(5)
    expect(theirs.map((row, i) => project(row, ours.result[i]))).toEqual(ours.result)
  })
})
