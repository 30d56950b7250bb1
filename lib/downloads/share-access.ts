import 'server-only'
import { getServerSession } from 'next-auth'
import { z } from 'zod'
import { authOptions } from '@/lib/auth/options'
import type { SignedInUser } from '@/lib/auth/session'
import { serverConfig } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { type ShareLink, type ShareStore, shareStore } from '@/lib/shares'
import { cookieValues, grantCookieName, type ShareGrant, validGrant } from './share-grant'
import { unavailableMessage } from './share-messages'

// Who may use a share link after its first visit: checked on every request to its page and its bytes, including
// each Range request of a resumed download. Three things must hold at once: a session of the organisation (the
// caller checked it), a grant for this link and this person, and the link still active in the database, which is
// the shared truth on every server, so a revocation elsewhere counts on the very next request.

/** A link's public id as lib/shares/tokens.ts makes it: 96 bits, base64url. */
export const linkId = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'That is not a share link id.')


export function linkUnavailable(): AppError {
  return new AppError('not_found:share', unavailableMessage)
}

export interface SharedAccess {
  link: ShareLink
  grant: ShareGrant
  store: ShareStore
}

/**
 * The link, if `user` holds a grant for it (from the request's Cookie header) and it is active now; otherwise a
 * `not_found:share`. A refusal of a link the grant names is audited with the link's state as the reason.
 */
export async function sharedAccess(id: string, user: SignedInUser, cookieHeader: string | null): Promise<SharedAccess> {
  if (!linkId.safeParse(id).success) throw linkUnavailable()
  const grant = validGrant(cookieValues(cookieHeader, grantCookieName), { linkId: id, email: user.email, now: Date.now() }, serverConfig().NEXTAUTH_SECRET)
  // No grant, no token to audit against: the person never presented this link (or its grant ran out).
  if (!grant) throw linkUnavailable()
  const store = await shareStore()
  const link = await store.get(id)
  if (!link) {
    await store.refuse(grant.token, { actor: user.email, reason: 'unknown' })
    throw linkUnavailable()
  }
  if (link.state !== 'active') {
    await store.refuse(grant.token, { actor: user.email, reason: link.state })
    throw linkUnavailable()
  }
  return { link, grant, store }
}

/**
 * The e-mail of a session that `currentUser()` turned away: someone signed in but outside the allowed organisation.
 * Only for auditing that refusal; never a reason to let anyone in.
 */
export async function outsiderEmail(): Promise<string | undefined> {
  const session = await getServerSession(authOptions()).catch(() => null)
  return session?.user?.email ?? undefined
}

/**
 * Records a shared download, then hands its response back. No audit, no download: when the record cannot be
 * written, Adobe's stream is let go and the error answers instead of bytes nobody recorded.
 */
export async function recordedDownload(
  access: SharedAccess,
  actor: string,
  streamed: { response: Response; bytes: number | null },
): Promise<Response> {
  try {
    await access.store.recordDownload(access.link.id, { actor, bytes: streamed.bytes, status: streamed.response.status })
  } catch (error) {
    await streamed.response.body?.cancel().catch(() => undefined)
    throw error
  }
  return streamed.response
}
