import 'server-only'
import { aep } from '@/lib/aep'
import { scoreFooterOfRun } from '@/lib/runs/score-footer'

// The key an instance's scores sit under (`_<tenant>.CustomerAI.<key>`) is not published by Adobe and may not be
// the instance name (aep-api.md §3.4). The instance's own score files know it: the footer of one part file of its
// latest successful run names the score struct. Best effort: undefined when there is no run or the schema is not
// recognisable, and segment matching then falls back to the instance name (match.ts).
export async function instanceKeyOf(sandbox: string, datasetId: string): Promise<string | undefined> {
  const latest = await aep().catalog.latestSuccessfulBatch(sandbox, datasetId)
  if (!latest) return undefined
  return (await scoreFooterOfRun(sandbox, latest.id).catch(() => undefined))?.fields?.instanceKey
}
