import { z } from 'zod'
import { privateJson, withUser } from '@/lib/http/handler'
import { sandboxName } from '@/lib/http/ids'
import { getExport } from '@/lib/exports/refresh'
import { exportJobId } from '@/lib/exports/request'

export const dynamic = 'force-dynamic'

/** One export job, refreshed from Adobe while it is not final: what the progress view polls. */
export const GET = withUser(z.object({ sandbox: sandboxName, exportId: exportJobId }), async ({ request, params }) =>
  privateJson(await getExport(params.sandbox, params.exportId, request.signal)),
)
