import { describe, expect, it } from 'vitest'
import { cellOf } from './cells'
import type { Comparison } from '@/lib/insights/schema'
import { factorsByBucket, migration } from './summaries'

const c = (score: number) => String(cellOf(score))

describe('factorsByBucket', () => {
  it('sums each code by importance within each bucket, the most frequent first', () => {
    const bars = factorsByBucket(
      [
        { code: 'tenure', importance: 'high', cells: { [c(10)]: 2, [c(80)]: 1 } },
        { code: 'tenure', importance: 'low', cells: { [c(74)]: 4 } },
        { code: 'visits', importance: 'high', cells: { [c(75)]: 3 } },
      ],
      { lowBelow: 25, highAbove: 74 },
    )
    expect(bars.low).toEqual([{ code: 'tenure', total: 2, byImportance: { high: 2 } }])
    expect(bars.medium).toEqual([{ code: 'tenure', total: 4, byImportance: { low: 4 } }])
    expect(bars.high.map((bar) => [bar.code, bar.total])).toEqual([['visits', 3], ['tenure', 1]])
  })
})

describe('migration', () => {
  it('folds cell pairs into buckets for the chosen cut-offs', () => {
    const comparison: Comparison = {
      previousBatchId: 'p',
      previousCreated: 0,
      previous: { count: 0, missing: 0, cells: [], mean: null, median: null, min: null, max: null },
      matched: 3,
      pairs: [[cellOf(20), cellOf(30), 2], [cellOf(74.5), cellOf(74), 1]],
      added: { [c(90)]: 5 },
      dropped: { [c(5)]: 1 },
      withoutIdentity: [0, 0],
    }
    const moved = migration(comparison, { lowBelow: 25, highAbove: 74 })
    expect(moved.matrix.low.medium).toBe(2)
    expect(moved.matrix.high.medium).toBe(1)
    expect(moved.added).toEqual({ low: 0, medium: 0, high: 5 })
    expect(moved.dropped).toEqual({ low: 1, medium: 0, high: 0 })
    expect(migration(comparison, { lowBelow: 35, highAbove: 74 }).matrix.low.low).toBe(2)
  })
})
