import 'server-only'
import type { PropensityType } from '@/lib/instances/types'
import { scoreFooterOfRun } from '@/lib/runs/score-footer'
import { normalisePropensity } from '@/lib/scores/propensity'

// Adobe offers no field for an instance's propensity type. Every score row carries it, though, so the footer of one
// part file of a successful run answers: the column statistics of the propensityType leaf hold its min and max, and
// when both say "churn" the whole file does.
export async function propensityTypeOfRun(sandbox: string, batchId: string): Promise<PropensityType | undefined> {
  const footer = await scoreFooterOfRun(sandbox, batchId)
  const wanted = footer?.fields?.propensityType?.join('.')
  if (!footer || !wanted) return undefined
  for (const rowGroup of footer.metadata.row_groups) {
    const chunk = rowGroup.columns.find((column) => column.meta_data?.path_in_schema.join('.') === wanted)
    const stats = chunk?.meta_data?.statistics
    const min = normalisePropensity(stats?.min_value)
    if (min && min === normalisePropensity(stats?.max_value)) return min
  }
  return undefined
}
