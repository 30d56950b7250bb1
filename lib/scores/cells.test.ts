import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bucketOf } from '@/lib/scores/buckets'
import { CELL_COUNT, bucketCounts, bucketOfCell, cellOf, histogram, isValidCutoffs } from './cells'

const score = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }))
const cutoffs = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([a, b]) => ({ lowBelow: Math.min(a, b), highAbove: Math.max(a, b) }))

describe('score cells', () => {
  it('tell an integer score from the scores just above it', () => {
    expect([cellOf(0), cellOf(0.5), cellOf(24), cellOf(24.999), cellOf(25), cellOf(74), cellOf(74.01), cellOf(100)]).toEqual([0, 1, 48, 49, 50, 148, 149, 200])
    expect([cellOf(-3), cellOf(100.5), cellOf(Number.NaN)]).toEqual([0, CELL_COUNT - 1, 0])
  })

  it('put every score in the bucket bucketOf gives it, for any integer cut-offs', () => {
    fc.assert(fc.property(score, cutoffs, (s, c) => bucketOfCell(cellOf(s), c) === bucketOf(s, c)))
  })

  it('count buckets as the rows do', () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 200 }), cutoffs, (scores, c) => {
        const cells = new Array<number>(CELL_COUNT).fill(0)
        for (const s of scores) cells[cellOf(s)] = (cells[cellOf(s)] ?? 0) + 1
        const expected = { low: 0, medium: 0, high: 0 }
        for (const s of scores) expected[bucketOf(s, c)] += 1
        expect(bucketCounts(cells, c)).toEqual(expected)
      }),
    )
  })

  it('bin a histogram in steps of 5, with 100 in the last bin', () => {
    const cells = new Array<number>(CELL_COUNT).fill(0)
    for (const s of [0, 4.99, 5, 99.5, 100]) cells[cellOf(s)] = (cells[cellOf(s)] ?? 0) + 1
    const bins = histogram(cells)
    expect(bins).toHaveLength(20)
    expect(bins.map((b) => b.count)).toEqual([2, 1, ...new Array<number>(17).fill(0), 2])
    expect(bins[19]).toMatchObject({ from: 95, to: 100 })
  })

  it('accept cut-offs only where the buckets stay apart', () => {
    expect(isValidCutoffs({ lowBelow: 25, highAbove: 74 })).toBe(true)
    expect(isValidCutoffs({ lowBelow: 50, highAbove: 50 })).toBe(true)
    expect(isValidCutoffs({ lowBelow: 51, highAbove: 50 })).toBe(false)
    expect(isValidCutoffs({ lowBelow: 2.5, highAbove: 50 })).toBe(false)
  })
})
