// The scan worker pool against the scan on the main thread: the same tallies for a whole run, the read's own error
// when Adobe fails a read, an abort that stops the scan without breaking the pool, and the main thread as the
// fallback when no worker can start.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AppError } from '@/lib/errors'
import { rejectionOf } from '@/lib/testing/app-error'
import { computeInsights } from './compute'
import { IdentityCells } from './migration'
import { ByteCounter, openPart, type PartSource } from './parts'
import { scanWorkerPool } from './scan-workers'
import { FactorTally, ScoreTally } from './tally'
import { simulatorInstanceRuns, type InstanceRuns } from './testing/simulator-runs'
import type { InsightsResult } from './schema'

let runs: InstanceRuns
const pool = scanWorkerPool({ size: 2 })

beforeAll(async () => {
  runs = await simulatorInstanceRuns('Churn Prediction')
}, 300_000)

afterAll(async () => {
  await pool.close()
  await runs.close()
})

/** What does not depend on how it was computed (when, how long, and the float sum's order of additions). */
function comparable(result: InsightsResult) {
  const { computedAt: _at, reading, scores, comparison, ...rest } = result
  const { durationMs: _ms, ...read } = reading
  const { mean, ...exact } = scores
  return { ...rest, read, exact, mean: Number(mean?.toFixed(9)), comparison: comparison && { ...comparison, previous: { ...comparison.previous, mean: Number(comparison.previous.mean?.toFixed(9)) } } }
}

/** The part with `beforeRead` called before each of its reads: it may throw, as a failing Adobe would. */
function watchedPart(source: PartSource, beforeRead: () => void): PartSource {
  return {
    ...source,
    open: () => {
      const buffer = source.open()
      return {
        byteLength: buffer.byteLength,
        slice: async (start, end) => {
          beforeRead()
          return buffer.slice(start, end)
        },
      }
    },
  }
}

describe('scanning parts in worker threads', () => {
  it('gives the whole run the same histogram, factors and migration as the scan on the main thread', async () => {
    const here = await computeInsights({ run: runs.latest, previous: runs.previous })
    const inWorkers = await computeInsights({ run: runs.latest, previous: runs.previous, scanPart: pool.scan })
    expect(inWorkers.factors.length).toBeGreaterThan(0)
    expect(inWorkers.comparison?.matched).toBeGreaterThan(0)
    expect(comparable(inWorkers)).toEqual(comparable(here))
  }, 300_000)

  it('fails with the read\'s own error when Adobe fails a read, and the next scan still works', async () => {
    const [first] = runs.latest.parts
    if (!first) throw new Error('no parts')
    const failing = { now: false }
    const flaky = watchedPart(first, () => {
      if (failing.now) throw new AppError('unavailable:aep', 'Adobe Experience Platform is unavailable right now; try again in a moment.')
    })
    const part = await openPart(flaky, 0, new ByteCounter())
    part.cache.clear()
    // The footer is read again by the worker, and fails like any other read.
    failing.now = true
    const error = await rejectionOf(pool.scan(part, { scores: new ScoreTally() }))
    expect(error.code).toBe('unavailable:aep')

    const healthy = await openPart(first, 0, new ByteCounter())
    const scores = new ScoreTally()
    await pool.scan(healthy, { scores })
    expect(scores.summary().count).toBe(healthy.file.numRows)
  })

  it('stops mid-scan on abort with the abort\'s reason, and the pool goes on scanning', async () => {
    const [first] = runs.latest.parts
    if (!first) throw new Error('no parts')
    const stop = new AbortController()
    const reads = { count: 0, footerRead: false }
    // The person leaves while the worker waits for its first bytes.
    const leaving = watchedPart(first, () => {
      reads.count += 1
      if (reads.footerRead && reads.count === 1) stop.abort(new Error('the person left'))
    })
    const part = await openPart(leaving, 0, new ByteCounter())
    part.cache.clear()
    Object.assign(reads, { count: 0, footerRead: true })
    const scanning = pool.scan(part, { scores: new ScoreTally(), factors: new FactorTally(), identities: new IdentityCells() }, stop.signal)
    await expect(scanning).rejects.toThrow('the person left')
    expect(reads.count).toBe(1)

    for (let i = 0; i < 3; i++) {
      const scores = new ScoreTally()
      await pool.scan(await openPart(first, 0, new ByteCounter()), { scores })
      expect(scores.summary().count).toBe(part.file.numRows)
    }
  })

  it('scans on the main thread, saying why once, when no worker can start', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const broken = scanWorkerPool({ entry: '/nonexistent/scan-worker-entry.mjs' })
    const [first, second] = runs.latest.parts
    if (!first || !second) throw new Error('fewer than two parts')
    const totals = new ScoreTally()
    await broken.scan(await openPart(first, 0, new ByteCounter()), { scores: totals })
    await broken.scan(await openPart(second, 1, new ByteCounter()), { scores: totals })
    const here = new ScoreTally()
    for (const [index, source] of [first, second].entries()) {
      const { scanPart } = await import('./part-scan')
      await scanPart(await openPart(source, index, new ByteCounter()), { scores: here })
    }
    expect(totals.summary()).toEqual(here.summary())
    expect(warned).toHaveBeenCalledOnce()
    expect(String(warned.mock.calls[0]?.[0])).toContain('scan workers unavailable')
    warned.mockRestore()
    await broken.close()
  })
})
