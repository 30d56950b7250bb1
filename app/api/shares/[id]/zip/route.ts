import { z } from 'zod'
import { streamRunZip } from '@/lib/downloads/run-zip'
import { linkId, recordedDownload, sharedAccess } from '@/lib/downloads/share-access'
import { shareBytesHeaders } from '@/lib/downloads/share-headers'
import { AppError } from '@/lib/errors'
import { withUser } from '@/lib/http/handler'

export const dynamic = 'force-dynamic'

// A shared run as one zip, streamed like the signed-in zip route. Session, grant and the link's state are checked
// first; each GET counts as one download (the zip has no Range support, so every GET is a whole one).
export const GET = withUser(z.object({ id: linkId }), async ({ request, params: { id }, user }) => {
  const access = await sharedAccess(id, user, request.headers.get('cookie'))
  const { link } = access
  if (link.kind !== 'run') throw new AppError('not_found:share', 'This link shares a single file, not a run.')
  return recordedDownload(access, user.email, await streamRunZip(request, { sandbox: link.sandbox, batchId: link.batchId }, shareBytesHeaders))
})
