import { z } from 'zod'
import { parseOrThrow, privateJson, withUser } from '@/lib/http/handler'
import { datasetId, sandboxName } from '@/lib/http/ids'
import { instanceExportOptions } from '@/lib/exports/segments'

export const dynamic = 'force-dynamic'

const query = z.object({ datasetId })

/** `?datasetId=<instance output dataset>`: the instance's segments, or why it cannot export them. */
export const GET = withUser(z.object({ sandbox: sandboxName }), async ({ request, params }) => {
  const { datasetId: instanceDatasetId } = parseOrThrow(query, Object.fromEntries(new URL(request.url).searchParams))
  return privateJson(await instanceExportOptions(params.sandbox, instanceDatasetId, request.signal))
})
