// The reader against hyparquet's own parquetReadObjects on a hand-made file with what score files lack: several row
// groups, many pages, nulls at every level, empty and null lists, a map of lists of structs; with and without
// offset indexes (walking V2 page headers), snappy and uncompressed. Any row range, any rows, any subset of leaves.
import fc from 'fast-check'
import { parquetReadObjects, type ParquetRow } from 'hyparquet'
import { beforeAll, describe, expect, it } from 'vitest'
import { openParquetFile } from './file'
import { rowValues } from './levels'
import { EDGE_ROWS, writeEdgeFile } from './testing/edge-file'
import { memoryBuffer } from './testing/local-file'
import type { ParquetFile } from './types'

const variants = [
  { name: 'with offset indexes, snappy', offsetIndex: true, codec: 'SNAPPY' },
  { name: 'without page indexes, snappy', offsetIndex: false, codec: 'SNAPPY' },
  { name: 'without page indexes, uncompressed', offsetIndex: false, codec: 'UNCOMPRESSED' },
] as const

const everyColumn = (file: ParquetFile) => file.schema.children.map((c) => [c.element.name])

/** hyparquet's rows cut down to the fields present in ours (it cannot read less than a top-level column). */
function project(theirs: unknown, ours: unknown): unknown {
  if (Array.isArray(ours) && Array.isArray(theirs)) return theirs.map((v, i) => project(v, ours[i]))
  if (ours && typeof ours === 'object' && !(ours instanceof Date) && theirs && typeof theirs === 'object') {
    const record = theirs as Record<string, unknown>
    return Object.fromEntries(Object.keys(ours).map((k) => [k, project(record[k], (ours as Record<string, unknown>)[k])]))
  }
  return theirs
}

describe.each(variants)('a hand-made file $name', ({ offsetIndex, codec }) => {
  let bytes: ArrayBuffer
  let all: ParquetRow[]
  let file: ParquetFile

  beforeAll(async () => {
    bytes = writeEdgeFile({ offsetIndex, codec })
    all = await parquetReadObjects({ file: memoryBuffer(bytes) })
    file = await openParquetFile(memoryBuffer(bytes))
  })

  it('has several row groups and many pages', async () => {
    expect(file.numRows).toBe(EDGE_ROWS)
    expect(file.metadata.row_groups.length).toBeGreaterThan(1)
    expect(file.leaves.find((leaf) => leaf.name === 'name')?.hasOffsetIndex).toBe(offsetIndex)
    // hyparquet-writer writes no page index for BOOLEAN leaves: a file mixing indexed and walked leaves.
    expect(file.leaves.find((leaf) => leaf.name === 'flag')?.hasOffsetIndex).toBe(false)
    if (!offsetIndex) expect(file.leaves.some((leaf) => leaf.hasOffsetIndex || leaf.hasColumnIndex)).toBe(false)
    const pages = await file.pages(['name'])
    expect(pages.length).toBeGreaterThan(file.metadata.row_groups.length)
    expect(pages.reduce((sum, p) => sum + p.rowCount, 0)).toBe(EDGE_ROWS)
  })

  it('reads any row range like parquetReadObjects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(EDGE_ROWS), fc.nat(400), async (start, length) => {
        const end = Math.min(EDGE_ROWS, start + length)
        expect(await file.readRows(everyColumn(file), start, end)).toEqual(all.slice(start, end))
      }),
      { numRuns: 60 },
    )
  })

  it('reads the whole file like parquetReadObjects', async () => {
    expect(await file.readRows(everyColumn(file), 0, EDGE_ROWS)).toEqual(all)
  })

  it('reads any rows, in any order, like parquetReadObjects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(EDGE_ROWS - 1), { maxLength: 40 }), async (indexes) => {
        expect(await file.readRowsAt(everyColumn(file), indexes)).toEqual(indexes.map((i) => all[i]))
      }),
      { numRuns: 40 },
    )
  })

  it('reads any subset of leaves shaped like parquetReadObjects', async () => {
    const leaves = file.leaves.map((leaf) => leaf.path)
    await fc.assert(
      fc.asyncProperty(fc.subarray(leaves, { minLength: 1 }), fc.nat(EDGE_ROWS - 50), async (subset, start) => {
        const ours = await file.readRows(subset, start, start + 50)
        expect(project(all.slice(start, start + 50), ours)).toEqual(ours)
        // Every requested leaf's top-level column is there.
        for (const path of subset) expect(ours[0]).toHaveProperty(path[0] ?? '')
      }),
      { numRuns: 40 },
    )
  })

  it('reads a map with its key alone, adding one value leaf for the shape', async () => {
    const rows = await file.readRows([['attrs', 'key_value', 'key']], 0, 30)
    expect(project(all.slice(0, 30), rows)).toEqual(rows)
    expect(rows.some((row) => row.attrs && Object.keys(row.attrs).length)).toBe(true)
  })

  it('reads one leaf with its levels, and flat values per row', async () => {
    const slice = await file.readLeaf(['info', 'score'], 990, 1_020)
    expect(slice.maxDefinitionLevel).toBe(2)
    expect(slice.definitionLevels).toHaveLength(30)
    const perRow = Array.from(rowValues(slice))
    expect(perRow).toEqual(all.slice(990, 1_020).map((row) => (row.info ? (row.info as { score: unknown }).score : null)))
    const tags = await file.readLeaf(['info', 'tags', 'list', 'element'], 0, EDGE_ROWS)
    expect(tags.repetitionLevels?.filter((level) => level === 0)).toHaveLength(EDGE_ROWS)
  })

  it('reads a whole leaf across row groups', async () => {
    const ids = await file.readWholeLeaf(['id'])
    expect(Array.from(ids.values)).toEqual(all.map((row) => row.id))
    expect(ids.definitionLevels).toBeUndefined()
  })

  it('refuses rows outside the file and leaves not in it', async () => {
    await expect(file.readRows([['id']], 10, EDGE_ROWS + 1)).rejects.toThrow(RangeError)
    await expect(file.readRowsAt([['id']], [-1])).rejects.toThrow(RangeError)
    await expect(file.readLeaf(['nope'], 0, 1)).rejects.toThrow('no leaf')
    await expect(file.readRows([['info', 'nope']], 0, 1)).rejects.toThrow('not found')
    expect(await file.readRows([['id']], 5, 5)).toEqual([])
  })

  it('stops when aborted', async () => {
    const fresh = await openParquetFile(memoryBuffer(bytes))
    const controller = new AbortController()
    controller.abort()
    await expect(fresh.readRows([['name']], 0, 10, controller.signal)).rejects.toThrow()
    expect(await fresh.readRows([['name']], 0, 2)).toEqual(all.slice(0, 2).map((row) => ({ name: row.name })))
  })

  it('lets a read finish when another read sharing its work is aborted', async () => {
    const fresh = await openParquetFile(memoryBuffer(bytes))
    const controller = new AbortController()
    const aborted = fresh.readRows([['attrs']], 1_500, 1_600, controller.signal)
    const other = fresh.readRows([['attrs']], 1_500, 1_600)
    controller.abort()
    await expect(aborted).rejects.toThrow()
    expect(await other).toEqual(all.slice(1_500, 1_600).map((row) => ({ attrs: row.attrs })))
  })
})
