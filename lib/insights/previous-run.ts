// Which run a run is compared with: the previous successful run of the same instance. Each Customer AI run names the
// run it replaced in `replay.predecessors` (aep-api.md §1.5), so the chain is followed back past failed runs to the
// first success; when the chain breaks (a predecessor Catalog no longer lists, or none named), the newest successful
// run created before this one stands in. Pure.
import type { Batch } from '@/lib/aep/types'

export function previousSuccessfulRun(run: Batch, datasetRuns: readonly Batch[]): Batch | undefined {
  const byId = new Map(datasetRuns.map((batch) => [batch.id, batch]))
  const seen = new Set<string>([run.id])
  let next = run.predecessors[0]
  while (next !== undefined && !seen.has(next)) {
    seen.add(next)
    const batch = byId.get(next)
    if (!batch) break
    if (batch.status === 'success') return batch
    next = batch.predecessors[0]
  }
  return datasetRuns
    .filter((batch) => batch.status === 'success' && batch.id !== run.id && batch.created < run.created)
    .sort((a, b) => b.created - a.created)[0]
}
