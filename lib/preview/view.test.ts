import { describe, expect, it } from 'vitest'
import { computeView } from './view'

const score = Float64Array.from([10, 90, 50, 80, Number.NaN, 24.9])
const identities = [['a1'], ['b2'], ['c3'], ['d4'], ['e5'], ['f6']]
const factorCodes = [['x'], ['y', 'x'], [], ['y'], ['x'], ['z']]
const columns = { numRows: 6, score, identities, factorCodes }

describe('the rows a person sees', () => {
  it('shows every row in file order when nothing is chosen', () => {
    expect([...computeView(columns, {})]).toEqual([0, 1, 2, 3, 4, 5])
  })
  it('sorts by score both ways, rows without a score left out', () => {
    expect([...computeView(columns, { sort: 'desc' })]).toEqual([1, 3, 2, 5, 0])
    expect([...computeView(columns, { sort: 'asc' })]).toEqual([0, 5, 2, 3, 1])
  })
  it('filters by bucket with the default cut-offs (high above 74, low below 25)', () => {
    expect([...computeView(columns, { buckets: ['high'] })]).toEqual([1, 3])
    expect([...computeView(columns, { buckets: ['low'] })]).toEqual([0, 5])
    expect([...computeView(columns, { buckets: ['low'], cutoffs: { lowBelow: 11, highAbove: 60 } })]).toEqual([0])
  })
  it('filters by score range, factor code and identity together', () => {
    expect([...computeView(columns, { minScore: 20, maxScore: 85 })]).toEqual([2, 3, 5])
    expect([...computeView(columns, { factorCode: 'x' })]).toEqual([0, 1, 4])
    expect([...computeView(columns, { identity: 'B2' })]).toEqual([1])
    expect([...computeView(columns, { factorCode: 'y', sort: 'asc' })]).toEqual([3, 1])
  })
})
