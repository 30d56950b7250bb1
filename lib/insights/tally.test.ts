import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FactorTally, ScoreTally } from './tally'

// Parts scanned apart (in scan workers) and merged must count what one tally fed every row counts.
const score = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(Number.NaN))
const factor = fc.tuple(fc.constantFrom('RECENCY', 'FREQUENCY', null), fc.constantFrom('high', 'low', undefined), fc.integer({ min: 0, max: 200 }))

describe('merging tallies', () => {
  it('merged score tallies summarise as one tally of every score (the mean to rounding)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(score, { maxLength: 30 }), { maxLength: 5 }), (parts) => {
        const whole = new ScoreTally()
        const merged = new ScoreTally()
        for (const part of parts) {
          const alone = new ScoreTally()
          for (const value of part) {
            whole.add(value)
            alone.add(value)
          }
          merged.merge(alone.state())
        }
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
      fc.property(fc.array(fc.array(factor, { maxLength: 30 }), { maxLength: 5 }), (parts) => {
        const whole = new FactorTally()
        const merged = new FactorTally()
        for (const part of parts) {
          const alone = new FactorTally()
          for (const [code, importance, cell] of part) {
            whole.add(code, importance, cell)
            alone.add(code, importance, cell)
          }
          merged.merge(alone.entries())
        }
        expect(merged.summary()).toEqual(whole.summary())
      }),
    )
  })
})
