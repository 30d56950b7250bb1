import { parseOrThrow, privateJson, withUser } from '@/lib/http/handler'
import { runInsights } from '@/lib/insights/service'
import { withTopN } from '@/lib/insights/view'
import { paramsSchema, querySchema } from './schema'

export const dynamic = 'force-dynamic'

/**
 * A run's insights: stored ones at once, else the running computation's progress, starting it when there is none.
 * A GET that starts work, on purpose: the work is idempotent (a pure function of a finished run's files, computed
 * once per run and version, single-flight across visitors), so a forged cross-site GET can cause nothing a visit to
 * the page would not; and the page polls this same address until the result is there. `retry=1` restarts a failed
 * computation, which is as harmless.
 */
export const GET = withUser(paramsSchema, async ({ request, params }) => {
  const { searchParams } = new URL(request.url)
  const query = parseOrThrow(querySchema, Object.fromEntries(searchParams))
  const state = await runInsights(params.sandbox, params.batchId, { retry: query.retry === '1' })
  return privateJson(withTopN(state, query.top))
})
