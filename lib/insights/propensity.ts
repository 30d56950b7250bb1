// Churn or conversion, as the score rows themselves say: the most common propensity type among the top rows (Adobe
// has no instance API; every row carries the value). Read like lib/instances/propensity.ts reads it, which is
// server-only and would keep this pure code out of the browser, the tests and the bench. Pure.
import type { InsightsResult, TopRow } from './schema'

export function propensityOf(rows: readonly Pick<TopRow, 'propensityType'>[]): InsightsResult['propensityType'] {
  const votes = { churn: 0, conversion: 0 }
  for (const row of rows) {
    const value = row.propensityType?.toLowerCase() ?? ''
    if (value.includes('churn')) votes.churn += 1
    else if (value.includes('conver')) votes.conversion += 1
  }
  if (votes.churn === 0 && votes.conversion === 0) return undefined
  return votes.churn >= votes.conversion ? 'churn' : 'conversion'
}
