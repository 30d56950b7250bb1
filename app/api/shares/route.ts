import { z } from 'zod'
import { serverConfig } from '@/lib/env'
import { parseOrThrow, privateJson, withUser } from '@/lib/http/handler'
import { assertSameOrigin, readJson } from '@/lib/http/same-origin'
import { shareStore } from '@/lib/shares'
import { type CreatedShareResponse, createShareRequest, type ShareListResponse } from './schema'
import { verifiedTarget } from './target'

export const dynamic = 'force-dynamic'

const noParams = z.object({})

/** The caller's own links, newest first, with their state now. */
export const GET = withUser(noParams, async ({ user }) => {
  const links = await (await shareStore()).listByCreator(user.email)
  return privateJson({ links } satisfies ShareListResponse)
})

/** Creates a link. The answer holds the only copy of its token there will ever be. */
export const POST = withUser(noParams, async ({ request, user }) => {
  assertSameOrigin(request, { needsJsonBody: true })
  const body = parseOrThrow(createShareRequest, await readJson(request))
  const target = await verifiedTarget(body, request.signal)
  const created = await (await shareStore()).create({ ...target, createdBy: user.email, expiresInDays: body.expiresInDays })
  const url = new URL(`/share/${created.token}`, serverConfig().NEXTAUTH_URL).href
  return privateJson({ id: created.id, url, expiresAt: created.expiresAt } satisfies CreatedShareResponse, { status: 201 })
})
