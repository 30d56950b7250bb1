import { describe, expect, it } from 'vitest'
import { testBackends } from '@/lib/db/testing/backends'
import { databasePerTest } from '@/lib/db/testing/per-test'
import { INSIGHTS_VERSION, type InsightsResult } from './schema'
import { claim, parseResult, readRow, saveFailure, saveProgress, saveResult, staleAfterMs } from './store'

// Who computes a run's insights is decided by the database: the same rules on every backend.

const t0 = Date.UTC(2026, 10, 30, 9)
const key = { sandbox: 'prod', batchId: '01M87P2D7FDDQJFWMWXXHW2SSX' }
const result: InsightsResult = {
  version: INSIGHTS_VERSION,
  batchId: key.batchId,
  computedAt: t0,
  propensityType: 'churn',
  scoreField: '_acmeinc.CustomerAI.churnPrediction.score',
  topAvailable: 0,
  top: [],
  scores: { count: 0, missing: 0, cells: new Array<number>(202).fill(0), mean: null, median: null, min: null, max: null },
  factors: [],
  reading: { files: 1, bytesInFiles: 10, bytesRead: 5, topPagesRead: 1, topPagesSkipped: 0, durationMs: 3 },
}

describe.each(testBackends())('run insights store on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(backend.skip ?? 'rules', () => {
    const per = databasePerTest(backend)

    it('lets one claimant compute, and keeps a fresh claim', async () => {
      expect(await claim(per.database.db, key, t0)).toBe(true)
      expect(await claim(per.database.db, key, t0 + 1)).toBe(false)
      await saveProgress(per.database.db, key, { phase: 'scores', filesDone: 1, filesTotal: 3, bytesRead: 10, bytesTotal: 30 }, t0 + staleAfterMs)
      expect(await claim(per.database.db, key, t0 + staleAfterMs + 10)).toBe(false)
    })

    it('lets a stale claim or a failure be taken over, by one taker', async () => {
      await claim(per.database.db, key, t0)
      const later = t0 + staleAfterMs + 1
      expect(await Promise.all([claim(per.database.db, key, later), claim(per.database.db, key, later)])).toEqual(
        expect.arrayContaining([true, false]),
      )
      await saveFailure(per.database.db, key, 'Adobe was unavailable.', later + 1)
      expect((await readRow(per.database.db, key))?.error).toBe('Adobe was unavailable.')
      expect(await claim(per.database.db, key, later + 2)).toBe(true)
    })

    it('stores a result for good, and reads it back through its schema', async () => {
      await claim(per.database.db, key, t0)
      await saveResult(per.database.db, key, result, t0 + 5)
      const row = await readRow(per.database.db, key)
      expect(row?.status).toBe('done')
      expect(row && parseResult(row)).toEqual(result)
      expect(await claim(per.database.db, key, t0 + 10 * staleAfterMs)).toBe(false)
      // A late heartbeat or failure of a stale computer cannot undo it.
      await saveFailure(per.database.db, key, 'late', t0 + 11 * staleAfterMs)
      expect((await readRow(per.database.db, key))?.status).toBe('done')
    })
  })
})
