import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '@/lib/db/connect'
import { openDatabase } from '@/lib/db/migrate'
import { type TestDatabase, testBackends } from '@/lib/db/testing/backends'
import { AppError } from '@/lib/errors'
import { runningJob, startJob, type Computation } from './jobs'
import { INSIGHTS_VERSION, type InsightsResult } from './schema'
import { claim, parseResult, readRow } from './store'

const key = { sandbox: 'prod', batchId: '01M87P2D7FDDQJFWMWXXHW2SSX' }
const result: InsightsResult = {
  version: INSIGHTS_VERSION,
  batchId: key.batchId,
  computedAt: 1,
  scoreField: 'x.score',
  topAvailable: 0,
  top: [],
  scores: { count: 0, missing: 0, cells: [], mean: null, median: null, min: null, max: null },
  factors: [],
  reading: { files: 0, bytesInFiles: 0, bytesRead: 0, topPagesRead: 0, topPagesSkipped: 0, durationMs: 0 },
}

const [sqlite] = testBackends()

describe('insights jobs', () => {
  let fresh: TestDatabase
  let database: Db

  beforeEach(async () => {
    if (!sqlite) throw new Error('no SQLite backend')
    fresh = await sqlite.fresh()
    database = await openDatabase(fresh.url)
    await claim(database.db, key, Date.now())
  })
  afterEach(async () => {
    await database.close()
    await fresh.drop()
  })

  it('runs one computation per run however many visitors join, and stores its result', async () => {
    let calls = 0
    let finish: (value: InsightsResult) => void = () => {}
    const compute: Computation = async () => {
      calls += 1
      return new Promise<InsightsResult>((resolve) => (finish = resolve))
    }
    const first = startJob(database.db, key, compute)
    const second = startJob(database.db, key, compute)
    expect(second).toBe(first)
    expect(runningJob(key)).toBe(first)
    finish(result)
    await first.settled
    expect(calls).toBe(1)
    expect(runningJob(key)).toBeUndefined()
    const row = await readRow(database.db, key)
    expect(row && parseResult(row)).toEqual(result)
  })

  it('stores a failure in words fit to show: ours as they are, anything else as a generic message', async () => {
    const ours = startJob(database.db, key, async () => {
      throw new AppError('upstream:aep', 'Adobe did not answer.')
    })
    await ours.settled
    expect((await readRow(database.db, key))?.error).toBe('Adobe did not answer.')

    await claim(database.db, key, Date.now())
    const other = startJob(database.db, key, async () => {
      throw new Error('ECONNRESET at 10.0.0.7:443 while reading /secret/path')
    })
    await other.settled
    const error = (await readRow(database.db, key))?.error ?? ''
    expect(error).toMatch(/Reading the run's files failed/)
    expect(error).not.toMatch(/10\.0\.0\.7|secret/)
  })
})
