// The scan worker pool against the scan on the main thread: the same tallies for a whole run (two at once), no second
// read of a footer, the read's own error when Adobe fails a read, an abort that stops the scan without breaking the
// pool, a worker that crashes mid-scan, and the main thread as the fallback when no worker can start.
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AppError } from '@/lib/errors'
import { rejectionOf } from '@/lib/testing/app-error'
import { computeInsights } from './compute'
import { IdentityCells } from './migration'
import { ByteCounter, openPart, type PartSource } from './parts'
import { scanPart } from './part-scan'
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
function watchedPart(source: PartSource, beforeRead: (start: number, end: number) => void): PartSource {
  return {
    ...source,
    open: () => {
      const buffer = source.open()
      return {
        byteLength: buffer.byteLength,
        slice: async (start, end = buffer.byteLength) => {
          beforeRead(start, end)
          return buffer.slice(start, end)
        },
      }
    },
  }
}

describe('scanning parts in worker threads', () => {
  it('gives the whole run the same histogram, factors and migration as the scan on the main thread, two runs at once', async () => {
    const here = await computeInsights({ run: runs.latest, previous: runs.previous })
    const before = { ...pool.scanned }
    const [inWorkers, alongside] = await Promise.all([
      computeInsights({ run: runs.latest, previous: runs.previous, scanPart: pool.scan }),
      computeInsights({ run: runs.latest, previous: runs.previous, scanPart: pool.scan }),
    ])
    expect(inWorkers.factors.length).toBeGreaterThan(0)
    expect(inWorkers.comparison?.matched).toBeGreaterThan(0)
    expect(comparable(inWorkers)).toEqual(comparable(here))
    expect(comparable(alongside)).toEqual(comparable(here))
    const parts = runs.latest.parts.length + runs.previous.parts.length
    expect(pool.scanned).toEqual({ inWorkers: before.inWorkers + 2 * parts, onMainThread: 0 })
  }, 300_000)

  it('asks the app for the leaves it scans (identities included), never again for the footer the app already read', async () => {
    const [first] = runs.latest.parts
    if (!first) throw new Error('no parts')
    const reads: [number, number][] = []
    const part = await openPart(watchedPart(first, (start, end) => reads.push([start, end])), 0, new ByteCounter())
    part.cache.clear()
    reads.length = 0
    const scores = new ScoreTally()
    const identities = new IdentityCells()
    await pool.scan(part, { scores, factors: new FactorTally(), identities })
    expect(scores.summary().count).toBe(part.file.numRows)
    expect(identities.packed().length).toBeGreaterThan(0)
    expect(reads.length).toBeGreaterThan(0)
    const tailStart = first.size - part.tail.length
    expect(reads.filter(([, end]) => end > tailStart)).toEqual([])
  })

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

  it('scans on the main thread, saying why, when no worker can start, and wakes the scans that waited for one', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const broken = scanWorkerPool({ size: 1, entry: '/nonexistent/scan-worker-entry.mjs' })
    const [first, second] = runs.latest.parts
    if (!first || !second) throw new Error('fewer than two parts')
    const totals = new ScoreTally()
    // Two at once on a pool of one: the second waits for the first's worker, which never starts.
    await Promise.all([
      broken.scan(await openPart(first, 0, new ByteCounter()), { scores: totals }),
      broken.scan(await openPart(second, 1, new ByteCounter()), { scores: totals }),
    ])
    const here = new ScoreTally()
    for (const [index, source] of [first, second].entries()) await scanPart(await openPart(source, index, new ByteCounter()), { scores: here })
    expect(totals.summary()).toEqual(here.summary())
    expect(broken.scanned).toEqual({ inWorkers: 0, onMainThread: 2 })
    expect(warned).toHaveBeenCalledOnce()
    expect(String(warned.mock.calls[0]?.[0])).toContain('could not start')
    warned.mockRestore()
    await broken.close()
  })

  it('fails the scan, without hanging, when its worker exits in the middle', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const crashing = scanWorkerPool({ size: 1, entry: fileURLToPath(new URL('./testing/exiting-scan-worker.mjs', import.meta.url)) })
    const [first] = runs.latest.parts
    if (!first) throw new Error('no parts')
    const part = await openPart(first, 0, new ByteCounter())
    await expect(crashing.scan(part, { scores: new ScoreTally() })).rejects.toThrow('exited with code 3')
    // The pool starts another worker for the next part (which exits too).
    await expect(crashing.scan(part, { scores: new ScoreTally() })).rejects.toThrow('exited with code 3')
    expect(crashing.scanned).toEqual({ inWorkers: 0, onMainThread: 0 })
    logged.mockRestore()
    await crashing.close()
  })
})
