import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FactorTally, ScoreTally } from './tally'

// Parts scanned apart (in scan workers) and merged must count what one tally fed every row counts.
const score = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(Number.NaN))
const factor = fc.tuple(fc.constantFrom('RECENCY', 'FREQUENCY', null), fc.constantFrom('high', 'low', undefined), fc.integer({ min: 0, max: 200 }))
const partsOf = <Row>(row: fc.Arbitrary<Row>) => fc.array(fc.array(row, { maxLength: 30 }), { maxLength: 5 })

/** One tally fed every row, and one merged from a tally per part. */
function wholeAndMerged<Tally, Row>(
  parts: Row[][],
  make: () => Tally,
  add: (tally: Tally, row: Row) => void,
  merge: (into: Tally, part: Tally) => void,
): [Tally, Tally] {
  const whole = make()
  const merged = make()
  for (const part of parts) {
    const alone = make()
    for (const row of part) {
      add(whole, row)
      add(alone, row)
    }
    merge(merged, alone)
  }
  return [whole, merged]
}

describe('merging tallies', () => {
  it('merged score tallies summarise as one tally of every score (the mean to rounding)', () => {
    fc.assert(
      fc.property(partsOf(score), (parts) => {
        const [whole, merged] = wholeAndMerged(
          parts,
          () => new ScoreTally(),
          (tally, value) => tally.add(value),
          (into, part) => into.merge(part.state()),
        )
        const { mean, ...exact } = merged.summary()
        const { mean: wholeMean, ...wholeExact } = whole.summary()
        expect(exact).toEqual(wholeExact)
        if (wholeMean === null) expect(mean).toBeNull()
        else expect(mean).toBeCloseTo(wholeMean, 9)
      }),
    )
  })

  it('merged factor tallies hold every (code, importance, cell) count of one tally', () => {
    fc.assert(
      fc.property(partsOf(factor), (parts) => {
        const [whole, merged] = wholeAndMerged(
          parts,
          () => new FactorTally(),
          (tally, [code, importance, cell]) => tally.add(code, importance, cell),
          (into, part) => into.merge(part.entries()),
        )
        expect(merged.summary()).toEqual(whole.summary())
      }),
    )
  })
})
