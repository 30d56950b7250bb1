import { z } from 'zod'
import { streamRunZip } from '@/lib/downloads/run-zip'
import { linkId, sharedAccess } from '@/lib/downloads/share-access'
import { shareBytesHeaders } from '@/lib/downloads/share-headers'
import { AppError } from '@/lib/errors'
import { withUser } from '@/lib/http/handler'

export const dynamic = 'force-dynamic'

// A shared run as one zip, streamed like the signed-in zip route. Session, grant and the link's state are checked
// first; each GET counts as one download (the zip has no Range support, so every GET is a whole one).
export const GET = withUser(z.object({ id: linkId }), async ({ request, params: { id }, user }) => {
  const { link, store } = await sharedAccess(id, user, request.headers.get('cookie'))
  if (link.kind !== 'run') throw new AppError('not_found:share', 'This link shares a single file, not a run.')
  const streamed = await streamRunZip(request, { sandbox: link.sandbox, batchId: link.batchId }, shareBytesHeaders)
  try {
    await store.recordDownload(link.id, { actor: user.email, bytes: streamed.bytes, status: streamed.response.status })
  } catch (error) {
    await streamed.response.body?.cancel().catch(() => undefined)
    throw error
  }
  return streamed.response
})
