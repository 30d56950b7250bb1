import { describe, expect, it } from 'vitest'
import { readPreviewState, writePreviewState } from './url-state'

describe('preview state in the address', () => {
  it('round-trips sort, filters, columns, row and tab, keeping other parameters', () => {
    const params = new URLSearchParams('path=part-0.parquet&sort=score:desc&bucket=high,medium&min=10&max=90.5&factor=loyaltyTier&q=123&cols=score,identity&row=250000&tab=layout')
    const state = readPreviewState(params)
    expect(state.spec).toEqual({ sort: 'desc', minScore: 10, maxScore: 90.5, buckets: ['high', 'medium'], factorCode: 'loyaltyTier', identity: '123' })
    expect(state.columns).toEqual(['score', 'identity'])
    expect(state.row).toBe(250000)
    expect(state.tab).toBe('layout')
    const written = writePreviewState(new URLSearchParams('path=part-0.parquet'), state)
    expect(readPreviewState(written)).toEqual(state)
    expect(written.get('path')).toBe('part-0.parquet')
  })

  it('ignores what it does not understand and leaves defaults out of the address', () => {
    const state = readPreviewState(new URLSearchParams('sort=name&bucket=huge&cols=nope&row=-5&min=abc&tab=x'))
    expect(state.spec).toEqual({ sort: undefined, minScore: undefined, maxScore: undefined, buckets: undefined, factorCode: undefined, identity: undefined })
    expect(state.row).toBe(0)
    expect(state.tab).toBe('rows')
    expect(writePreviewState(new URLSearchParams(), state).toString()).toBe('')
  })
})
