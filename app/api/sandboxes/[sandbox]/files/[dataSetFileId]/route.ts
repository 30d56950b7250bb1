import { z } from 'zod'
import { aep, RangeNotSatisfiableError } from '@/lib/aep'
import { AppError } from '@/lib/errors'
import { fileResponseHeaders, validIfRange } from '@/lib/http/file-response'
import { partFileName } from '@/lib/http/file-name'
import { parseOrThrow, withUser } from '@/lib/http/handler'
import { dataSetFileId, sandboxName } from '@/lib/http/ids'
import { parseRange } from '@/lib/http/range'

// One part file's bytes, streamed from Adobe: GET (whole or one Range) and HEAD, the way hyparquet and browsers'
// download managers need them. Never buffered: the upstream stream is handed on as it is, so a cut upstream is a
// cut download (reliability.md F2).

export const dynamic = 'force-dynamic'

const params = z.object({ sandbox: sandboxName, dataSetFileId })
const query = z.object({ path: partFileName, download: z.enum(['1', 'true']).optional() })

function readQuery(request: Request) {
  const url = new URL(request.url)
  return parseOrThrow(query, { path: url.searchParams.get('path') ?? undefined, download: url.searchParams.get('download') ?? undefined })
}

export const GET = withUser(params, async ({ request, params: { sandbox, dataSetFileId } }) => {
  const { path, download } = readQuery(request)
  const range = parseRange(request.headers.get('range'))
  if (range.kind === 'invalid') throw new AppError('bad_request:file', range.reason)
  try {
    const file = await aep().dataAccess.openFile(sandbox, dataSetFileId, path, {
      range: range.kind === 'single' ? range.header : undefined,
      ifRange: range.kind === 'single' ? validIfRange(request.headers.get('if-range')) : undefined,
      signal: request.signal,
    })
    const headers = fileResponseHeaders({ name: path, size: file.size, upstream: file.headers, asAttachment: download !== undefined })
    return new Response(file.body, { status: file.status, headers })
  } catch (error) {
    if (error instanceof RangeNotSatisfiableError && error.size !== undefined) {
      return error.toResponse({ 'content-range': `bytes */${error.size}`, 'x-file-size': String(error.size) })
    }
    throw error
  }
})

export const HEAD = withUser(params, async ({ request, params: { sandbox, dataSetFileId } }) => {
  const { path, download } = readQuery(request)
  const head = await aep().dataAccess.headFile(sandbox, dataSetFileId, path, { signal: request.signal })
  const headers = fileResponseHeaders({
    name: path,
    size: head.size,
    upstream: { contentType: head.contentType, etag: head.etag },
    asAttachment: download !== undefined,
  })
  return new Response(null, { status: 200, headers })
})
