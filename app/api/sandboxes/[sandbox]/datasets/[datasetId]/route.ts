import { z } from 'zod'
import { privateJson, withUser } from '@/lib/http/handler'
import { datasetId, sandboxName } from '@/lib/http/ids'
import { instanceRuns } from '@/lib/runs/service'

export const dynamic = 'force-dynamic'

/** One instance's output dataset and its scoring runs, newest first, every Catalog page followed. */
export const GET = withUser(z.object({ sandbox: sandboxName, datasetId }), async ({ request, params }) =>
  privateJson(await instanceRuns(params.sandbox, params.datasetId, request.signal)),
)
