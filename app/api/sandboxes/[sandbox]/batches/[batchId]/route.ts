import { z } from 'zod'
import { privateJson, withUser } from '@/lib/http/handler'
import { batchId, sandboxName } from '@/lib/http/ids'
import { runFiles } from '@/lib/runs/service'

export const dynamic = 'force-dynamic'

/** One run: its facts and every part file, every Data Access listing page followed. */
export const GET = withUser(z.object({ sandbox: sandboxName, batchId }), async ({ request, params }) =>
  privateJson(await runFiles(params.sandbox, params.batchId, request.signal)),
)
