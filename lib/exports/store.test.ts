import { describe, expect, it } from 'vitest'
import { testBackends } from '@/lib/db/testing/backends'
import { databasePerTest } from '@/lib/db/testing/per-test'
import {
  abandonedAfterMs,
  claimRequest,
  completeClaim,
  listJobs,
  recentTargetDatasetIds,
  recordClaimDataset,
  releaseClaim,
  toSummary,
  updateJob,
} from './store'

// The idempotency of "Export to dataset" rests on these rules; the same suite on every backend.

const t0 = Date.UTC(2026, 10, 30, 9)
const claim = (requestKey: string, now = t0, segmentId = 'seg-00000001') => ({
  requestKey,
  sandbox: 'prod',
  segmentId,
  createdBy: 'alice@acme.example',
  now,
})
const job = (id: string, datasetId = 'd'.repeat(24)) =>
  ({ id, segmentName: 'Churn Prediction – High propensity', datasetId, status: 'NEW', batchId: null, error: null }) as const

describe.each(testBackends())('export job store on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(backend.skip ?? 'rules', () => {
    const per = databasePerTest(backend)

    it('lets exactly one of several simultaneous requests with a key claim it', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => claimRequest(per.database.db, claim('key-aaaaaaaaaaaaaaaa'))))
      expect(results.filter((result) => result.kind === 'claimed')).toHaveLength(1)
      expect(results.filter((result) => result.kind === 'busy')).toHaveLength(4)
      expect(await listJobs(per.database.db, 'prod', 10)).toEqual([])
    })

    it('answers a repeat with the job the first request started', async () => {
      expect((await claimRequest(per.database.db, claim('key-bbbbbbbbbbbbbbbb'))).kind).toBe('claimed')
      const row = await completeClaim(per.database.db, 'key-bbbbbbbbbbbbbbbb', job('24115'), t0 + 10)
      expect(row.id).toBe('24115')
      const repeat = await claimRequest(per.database.db, claim('key-bbbbbbbbbbbbbbbb', t0 + 20))
      expect(repeat).toMatchObject({ kind: 'job', row: { id: '24115', status: 'NEW' } })
      expect((await listJobs(per.database.db, 'prod', 10)).map((r) => r.id)).toEqual(['24115'])
      expect(await listJobs(per.database.db, 'dev', 10)).toEqual([])
    })

    it('lets a retry take a failed claim again and reuse the dataset it created', async () => {
      await claimRequest(per.database.db, claim('key-cccccccccccccccc'))
      await recordClaimDataset(per.database.db, 'key-cccccccccccccccc', 'e'.repeat(24))
      await releaseClaim(per.database.db, 'key-cccccccccccccccc', t0 + 5)
      const retries = await Promise.all([1, 2, 3].map(() => claimRequest(per.database.db, claim('key-cccccccccccccccc', t0 + 6))))
      expect(retries.filter((result) => result.kind === 'claimed')).toEqual([{ kind: 'claimed', datasetId: 'e'.repeat(24) }])
    })

    it('takes over a claim abandoned by a request that died', async () => {
      await claimRequest(per.database.db, claim('key-dddddddddddddddd'))
      expect((await claimRequest(per.database.db, claim('key-dddddddddddddddd', t0 + 1000))).kind).toBe('busy')
      expect((await claimRequest(per.database.db, claim('key-dddddddddddddddd', t0 + abandonedAfterMs + 1))).kind).toBe('claimed')
    })

    it('retires a stored job whose id Adobe gives to a new one, and keeps it in the history', async () => {
      await claimRequest(per.database.db, claim('key-hhhhhhhhhhhhhhhh'))
      await completeClaim(per.database.db, 'key-hhhhhhhhhhhhhhhh', job('24115'), t0 + 1)
      await claimRequest(per.database.db, claim('key-iiiiiiiiiiiiiiii', t0 + 2))
      const fresh = await completeClaim(per.database.db, 'key-iiiiiiiiiiiiiiii', job('24115'), t0 + 3)
      expect(fresh.request_key).toBe('key-iiiiiiiiiiiiiiii')
      const listed = (await listJobs(per.database.db, 'prod', 10)).map((row) => toSummary(row))
      expect(listed.map((summary) => [summary.id, summary.rowKey, summary.stale])).toEqual([
        ['24115', 'key-iiiiiiiiiiiiiiii', undefined],
        ['24115', 'key-hhhhhhhhhhhhhhhh', 'retired'],
      ])
    })

    it('stores Adobe’s later answers and lists target datasets by last use, without claims', async () => {
      await claimRequest(per.database.db, claim('key-eeeeeeeeeeeeeeee'))
      const first = await completeClaim(per.database.db, 'key-eeeeeeeeeeeeeeee', job('1', 'a'.repeat(24)), t0 + 1)
      await claimRequest(per.database.db, claim('key-ffffffffffffffff'))
      await completeClaim(per.database.db, 'key-ffffffffffffffff', job('2', 'b'.repeat(24)), t0 + 2)
      await claimRequest(per.database.db, claim('key-gggggggggggggggg'))
      await recordClaimDataset(per.database.db, 'key-gggggggggggggggg', 'c'.repeat(24))

      const done = await updateJob(per.database.db, first, { status: 'SUCCEEDED', batchId: 'BATCH0001', error: null }, t0 + 3)
      expect(toSummary(done)).toMatchObject({ id: '1', status: 'SUCCEEDED', batchId: 'BATCH0001', updatedAt: t0 + 3 })
      expect((await listJobs(per.database.db, 'prod', 10)).map((r) => [r.id, r.status])).toEqual([
        ['2', 'NEW'],
        ['1', 'SUCCEEDED'],
      ])
      expect(await recentTargetDatasetIds(per.database.db, 'prod', 10)).toEqual(['b'.repeat(24), 'a'.repeat(24)])
    })
  })
})
