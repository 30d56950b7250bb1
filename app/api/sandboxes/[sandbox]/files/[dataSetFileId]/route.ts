import { z } from 'zod'
import { headPartFile, streamPartFile } from '@/lib/downloads/part-file'
import { partFileName } from '@/lib/http/file-name'
import { parseOrThrow, withUser } from '@/lib/http/handler'
import { dataSetFileId, sandboxName } from '@/lib/http/ids'

// One part file's bytes for a signed-in person: GET (whole or one Range) and HEAD. The streaming itself lives in
// lib/downloads/part-file.ts, shared with the share-link bytes route.

export const dynamic = 'force-dynamic'

const params = z.object({ sandbox: sandboxName, dataSetFileId })
const query = z.object({ path: partFileName, download: z.enum(['1', 'true']).optional() })

function readQuery(request: Request) {
  const url = new URL(request.url)
  return parseOrThrow(query, { path: url.searchParams.get('path') ?? undefined, download: url.searchParams.get('download') ?? undefined })
}

export const GET = withUser(params, async ({ request, params: { sandbox, dataSetFileId } }) => {
  const { path, download } = readQuery(request)
  const { response } = await streamPartFile(request, { sandbox, dataSetFileId, path }, { asAttachment: download !== undefined })
  return response
})

export const HEAD = withUser(params, async ({ request, params: { sandbox, dataSetFileId } }) => {
  const { path, download } = readQuery(request)
  return headPartFile(request, { sandbox, dataSetFileId, path }, { asAttachment: download !== undefined })
})
