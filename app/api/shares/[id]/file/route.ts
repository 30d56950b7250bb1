import { z } from 'zod'
import { type PartFileRef, type StreamedPart, headPartFile, streamPartFile } from '@/lib/downloads/part-file'
import { linkId, recordedDownload, sharedAccess } from '@/lib/downloads/share-access'
import { shareBytesHeaders } from '@/lib/downloads/share-headers'
import { AppError } from '@/lib/errors'
import { partFileName } from '@/lib/http/file-name'
import { parseOrThrow, withUser } from '@/lib/http/handler'
import { dataSetFileId } from '@/lib/http/ids'
import { runFiles } from '@/lib/runs/service'
import type { ShareLink } from '@/lib/shares'

// A shared file's bytes: GET (whole or one Range) and HEAD, streamed like the signed-in file route. Every request,
// each Range request of a preview or a resumed download included, checks the session, the grant and the link's
// state now, so a revocation or an expiry stops the very next request.
//
// What counts as one download (store.recordDownload, audited with bytes and status): a request whose body starts
// at byte 0 and is not a preview read, i.e. a whole GET, or the first Range (bytes=0-…) of a download with
// ?download=1. The preview's own Range reads and the later ranges of a resumed download are checked, not counted.

export const dynamic = 'force-dynamic'

const params = z.object({ id: linkId })
const query = z.object({
  download: z.enum(['1', 'true']).optional(),
  // A run link's part, by the same pair the run listing gives; a file link names its own file and takes neither.
  dataSetFileId: dataSetFileId.optional(),
  path: partFileName.optional(),
})
type Query = z.infer<typeof query>

function readQuery(request: Request): Query {
  const url = new URL(request.url)
  const get = (name: string) => url.searchParams.get(name) ?? undefined
  return parseOrThrow(query, { download: get('download'), dataSetFileId: get('dataSetFileId'), path: get('path') })
}

async function partOf(link: ShareLink, { dataSetFileId, path }: Query, signal: AbortSignal): Promise<PartFileRef> {
  if (link.kind === 'file') {
    if ((dataSetFileId !== undefined && dataSetFileId !== link.dataSetFileId) || (path !== undefined && path !== link.path)) {
      throw new AppError('not_found:file', 'This link shares one file only.')
    }
    return { sandbox: link.sandbox, dataSetFileId: link.dataSetFileId, path: link.path }
  }
  if (dataSetFileId === undefined || path === undefined) {
    throw new AppError('bad_request:share', 'This link shares a run: name one of its files (dataSetFileId and path).')
  }
  // A finished run's listing is kept in memory (lib/runs/service.ts), so this costs Adobe nothing after the first time.
  const { files } = await runFiles(link.sandbox, link.batchId, signal)
  if (!files.some((file) => file.dataSetFileId === dataSetFileId && file.name === path)) {
    throw new AppError('not_found:file', 'That file is not part of the shared run.')
  }
  return { sandbox: link.sandbox, dataSetFileId, path }
}

function isDownload(request: Request, { download }: Query, streamed: StreamedPart): boolean {
  return streamed.fromStart && (download !== undefined || request.headers.get('range') === null)
}

export const GET = withUser(params, async ({ request, params: { id }, user }) => {
  const access = await sharedAccess(id, user, request.headers.get('cookie'))
  const wanted = readQuery(request)
  const part = await partOf(access.link, wanted, request.signal)
  const streamed = await streamPartFile(request, part, { asAttachment: wanted.download !== undefined, headers: shareBytesHeaders })
  return isDownload(request, wanted, streamed) ? recordedDownload(access, user.email, streamed) : streamed.response
})

export const HEAD = withUser(params, async ({ request, params: { id }, user }) => {
  const { link } = await sharedAccess(id, user, request.headers.get('cookie'))
  const wanted = readQuery(request)
  const part = await partOf(link, wanted, request.signal)
  return headPartFile(request, part, { asAttachment: wanted.download !== undefined, headers: shareBytesHeaders })
})
