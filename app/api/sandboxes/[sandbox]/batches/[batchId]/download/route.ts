import { z } from 'zod'
import { streamRunZip } from '@/lib/downloads/run-zip'
import { withUser } from '@/lib/http/handler'
import { batchId, sandboxName } from '@/lib/http/ids'

export const dynamic = 'force-dynamic'

// A whole run as one zip, streamed (lib/downloads/run-zip.ts, shared with the share-link zip route).
export const GET = withUser(z.object({ sandbox: sandboxName, batchId }), async ({ request, params: { sandbox, batchId } }) => {
  const { response } = await streamRunZip(request, { sandbox, batchId })
  return response
})
