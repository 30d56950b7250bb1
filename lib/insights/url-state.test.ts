import { describe, expect, it } from 'vitest'
import { readInsightsView, writeInsightsView } from './url-state'

describe('insights view in the address', () => {
  it('reads defaults, bounds and bad values', () => {
    expect(readInsightsView(new URLSearchParams(''))).toEqual({ top: 100, cutoffs: { lowBelow: 25, highAbove: 74 } })
    expect(readInsightsView(new URLSearchParams('top=1000&low=10&high=90'))).toEqual({ top: 1000, cutoffs: { lowBelow: 10, highAbove: 90 } })
    expect(readInsightsView(new URLSearchParams('top=1001&low=80&high=20')).top).toBe(100)
    expect(readInsightsView(new URLSearchParams('low=80&high=20')).cutoffs).toEqual({ lowBelow: 25, highAbove: 74 })
    expect(readInsightsView(new URLSearchParams('top=-1&low=x')).top).toBe(100)
  })

  it('writes only what differs from the defaults, keeping other parameters', () => {
    const written = writeInsightsView(new URLSearchParams('tab=x&top=5'), { top: 100, cutoffs: { lowBelow: 20, highAbove: 74 } })
    expect(written.toString()).toBe('tab=x&low=20')
  })
})
