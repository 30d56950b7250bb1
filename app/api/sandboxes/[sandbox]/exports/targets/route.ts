import { z } from 'zod'
import { privateJson, withUser } from '@/lib/http/handler'
import { sandboxName } from '@/lib/http/ids'
import { targetDatasets } from '@/lib/exports/targets'

export const dynamic = 'force-dynamic'

/** Existing datasets on the Profile union schema that earlier exports wrote to: the "existing dataset" choices. */
export const GET = withUser(z.object({ sandbox: sandboxName }), async ({ request, params }) =>
  privateJson({ datasets: await targetDatasets(params.sandbox, request.signal) }),
)
