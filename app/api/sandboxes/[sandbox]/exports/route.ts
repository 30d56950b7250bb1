import { z } from 'zod'
import { parseOrThrow, privateJson, withUser } from '@/lib/http/handler'
import { sandboxName } from '@/lib/http/ids'
import { assertSameOrigin, readJson } from '@/lib/http/same-origin'
import { recentExports } from '@/lib/exports/refresh'
import { createExportBody } from '@/lib/exports/request'
import { startExport } from '@/lib/exports/start'

export const dynamic = 'force-dynamic'

const params = z.object({ sandbox: sandboxName })

/** The sandbox's recent exports, newest first; jobs still running are asked about again. */
export const GET = withUser(params, async ({ request, params: { sandbox } }) =>
  privateJson({ exports: await recentExports(sandbox, request.signal) }),
)

/**
 * Starts "Export to dataset": `{segmentId, target: {kind:'new', name} | {kind:'existing', datasetId}, requestKey}`.
 * 201 with the new job; 200 with the same job when the request key was seen before (a double click, a retry).
 */
export const POST = withUser(params, async ({ request, params: { sandbox }, user }) => {
  assertSameOrigin(request, { needsJsonBody: true })
  const input = parseOrThrow(createExportBody, await readJson(request))
  const { summary, repeated } = await startExport(sandbox, user, input)
  return privateJson(summary, { status: repeated ? 200 : 201 })
})
