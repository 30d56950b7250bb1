// Churn or conversion, as the score rows themselves say: the most common propensity type among the top rows (Adobe
// has no instance API; every row carries the value). The value's spelling is read by lib/scores/propensity.ts. Pure.
import { normalisePropensity } from '@/lib/scores/propensity'
import type { InsightsResult, TopRow } from './schema'

export function propensityOf(rows: readonly Pick<TopRow, 'propensityType'>[]): InsightsResult['propensityType'] {
  const votes = { churn: 0, conversion: 0 }
  for (const row of rows) {
    const type = normalisePropensity(row.propensityType)
    if (type) votes[type] += 1
  }
  if (votes.churn === 0 && votes.conversion === 0) return undefined
  return votes.churn >= votes.conversion ? 'churn' : 'conversion'
}
