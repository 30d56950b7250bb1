import { z } from 'zod'
import { linkId } from '@/lib/downloads/share-access'
import { privateJson, withUser } from '@/lib/http/handler'
import { assertSameOrigin } from '@/lib/http/same-origin'
import { shareStore } from '@/lib/shares'
import type { RevokedShareResponse } from '../schema'

export const dynamic = 'force-dynamic'

/**
 * Revokes a link, effective on the next request anywhere (every use re-reads its state). Only its creator may;
 * revoking twice is harmless. The store audits both the revocation and a stranger's attempt.
 */
export const DELETE = withUser(z.object({ id: linkId }), async ({ request, params: { id }, user }) => {
  assertSameOrigin(request, { needsJsonBody: false })
  const link = await (await shareStore()).revoke(id, { actor: user.email })
  return privateJson({ link } satisfies RevokedShareResponse)
})
