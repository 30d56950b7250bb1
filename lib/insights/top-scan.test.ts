// The top-N scan on files other writers make: DuckDB's (V1 pages, no page index, several row groups), where only the
// row groups' footer statistics can rule pages out, and a copy sorted by score, where they rule out nearly all.
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openReference, sqlString, type Reference } from '@/lib/parquet/testing/duckdb'
import { openLocalFile, type LocalFile } from '@/lib/parquet/testing/local-file'
import { churnScoreFile, duckdbCopy } from '@/lib/parquet/testing/score-files'
import { ByteCounter, openPart } from './parts'
import { readTopRows } from './top-rows'
import { topScores } from './top-scan'

const score = '_acmeinc.CustomerAI.churnPrediction.score'
let reference: Reference
const files: Record<'shuffled' | 'sorted', LocalFile | undefined> = { shuffled: undefined, sorted: undefined }

async function sortedCopy(source: string): Promise<string> {
  const dir = join(tmpdir(), 'score-explorer-insights-tests')
  mkdirSync(dir, { recursive: true })
  const target = join(dir, 'churn-sorted-by-score.parquet')
  if (!existsSync(target)) {
    const partial = `${target}.${process.pid}.tmp`
    await reference.query(
      `COPY (SELECT * FROM read_parquet(${sqlString(source)}) ORDER BY ${score}) TO ${sqlString(partial)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 20000)`,
    )
    renameSync(partial, target)
  }
  return target
}

beforeAll(async () => {
  reference = await openReference()
  const { path } = await churnScoreFile()
  files.shuffled = await openLocalFile(await duckdbCopy(reference, path))
  files.sorted = await openLocalFile(await sortedCopy(path))
}, 300_000)

afterAll(async () => {
  await Promise.all(Object.values(files).map((file) => file?.close()))
  reference.close()
})

describe.each(['shuffled', 'sorted'] as const)('the top 100 of a DuckDB-written file, %s', (which) => {
  it('are DuckDB\'s top 100, and statistics skip what they can', async () => {
    const local = files[which]
    if (!local) throw new Error('not opened')
    const counter = new ByteCounter()
    const source = { dataSetFileId: 'x-1', name: 'file.parquet', size: local.byteLength, open: () => local.buffer() }
    const part = await openPart(source, 0, counter)
    const scan = await topScores([part], 100, { concurrency: 2 })
    const top = await readTopRows([part], scan.winners, { concurrency: 2 })
    const expected = await reference.query(
      `SELECT identityMap['ECID'][1].id AS ecid, ${score} AS score FROM read_parquet(${sqlString(local.path)}) ORDER BY ${score} DESC LIMIT 100`,
    )
    expect(top.map((row) => [row.identity, row.score])).toEqual(expected.map((row) => [row.ecid, row.score]))
    const scoreLeaf = part.file.leaves.find((leaf) => leaf.name === score)
    if (which === 'sorted') {
      // Row groups of 20,000 rows sorted by score: the last holds every winner, and the statistics rule out all the
      // others but the one read alongside it (two reads are in flight before the heap fills).
      expect(scan.pagesRead).toBeLessThanOrEqual(2)
      expect(scan.pagesSkipped).toBeGreaterThanOrEqual(12)
      expect(counter.total).toBeLessThan(local.byteLength * 0.2)
    } else {
      expect(scan.pagesSkipped).toBe(0)
    }
    expect(scoreLeaf?.hasOffsetIndex).toBe(false)
  })
})
