// The insights' view state lives in the address like all view state here: how many top profiles (`top`) and the
// bucket cut-offs (`low`, `high`), so a pasted link shows a colleague the same view. Pure, both directions.
import { defaultCutoffs, type BucketCutoffs } from '@/lib/scores/buckets'
import { isValidCutoffs } from '@/lib/scores/cells'
import { DEFAULT_TOP_N, MAX_TOP_N } from './schema'

export interface InsightsView {
  top: number
  cutoffs: BucketCutoffs
}

function integer(value: string | null): number | undefined {
  if (value === null || !/^\d{1,4}$/.test(value)) return undefined
  return Number(value)
}

export function readInsightsView(params: URLSearchParams): InsightsView {
  const top = integer(params.get('top'))
  const cutoffs = { lowBelow: integer(params.get('low')) ?? defaultCutoffs.lowBelow, highAbove: integer(params.get('high')) ?? defaultCutoffs.highAbove }
  return {
    top: top !== undefined && top >= 1 && top <= MAX_TOP_N ? top : DEFAULT_TOP_N,
    cutoffs: isValidCutoffs(cutoffs) ? cutoffs : defaultCutoffs,
  }
}

/** Writes the view into `params` (keeping the others), leaving defaults out. */
export function writeInsightsView(params: URLSearchParams, view: InsightsView): URLSearchParams {
  const next = new URLSearchParams(params)
  const set = (key: string, value: number, fallback: number) => (value === fallback ? next.delete(key) : next.set(key, String(value)))
  set('top', view.top, DEFAULT_TOP_N)
  set('low', view.cutoffs.lowBelow, defaultCutoffs.lowBelow)
  set('high', view.cutoffs.highAbove, defaultCutoffs.highAbove)
  return next
}
