import { z } from 'zod'
import { linkId } from '@/lib/downloads/share-access'
import { AppError } from '@/lib/errors'
import { privateJson, withUser } from '@/lib/http/handler'
import { shareStore } from '@/lib/shares'
import type { ShareAuditResponse } from '../../schema'

export const dynamic = 'force-dynamic'

/** A link's audit trail, for its creator only: anyone else is told it does not exist. Never holds a token. */
export const GET = withUser(z.object({ id: linkId }), async ({ params: { id }, user }) => {
  const store = await shareStore()
  const link = await store.get(id)
  if (!link || link.createdBy !== user.email.trim().toLowerCase()) throw new AppError('not_found:share', 'You have no share link with that id.')
  return privateJson({ entries: await store.audit(id) } satisfies ShareAuditResponse)
})
