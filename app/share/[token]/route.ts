import { currentUser } from '@/lib/auth/session'
import { grantCookies, grantTtlMs, sealGrant } from '@/lib/downloads/share-grant'
import { linkUnavailable, outsiderEmail } from '@/lib/downloads/share-access'
import { shareResponseHeaders } from '@/lib/downloads/share-headers'
import { serverConfig } from '@/lib/env'
import { AppError, errorResponse } from '@/lib/errors'
import { shareStore } from '@/lib/shares'

// Where a share link lands (reliability.md §3.5). The token is looked at once, here: a valid one becomes a grant
// cookie for that link and a 303 to /share/l/{id}, so the token leaves the address bar (and with it browser history,
// Referer headers and screenshots). Every refusal looks the same from outside; the store's audit keeps the reason.
//
// This is a route handler, not a page, because only a handler may set a cookie. It answers browsers (Accept:
// text/html) with redirects to pages, and everything else with our JSON error contract, like every API route.

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params
    const user = await currentUser()
    if (!user) {
      const outsider = await outsiderEmail()
      if (outsider) {
        // A session of someone outside the organisation (sign-in refuses them, so this is a forged or stale cookie).
        await (await shareStore()).refuse(token, { actor: outsider, reason: 'not-in-organisation' })
        return answer(request, '/signin?error=NotInOrganisation', new AppError('forbidden:share', 'Share links open only for people in the organisation.'))
      }
      // Nothing about the link is looked at before sign-in: a stranger learns nothing, not even whether it exists.
      return answer(request, `/signin?callbackUrl=${encodeURIComponent(`/share/${token}`)}`, new AppError('unauthorized:auth', 'Sign in to open this share link.'))
    }

    const link = await (await shareStore()).resolve(token, { actor: user.email })
    if (!link) return answer(request, '/share/unavailable', linkUnavailable())

    const { NEXTAUTH_SECRET, NEXTAUTH_URL } = serverConfig()
    const expiresAt = Math.min(Date.now() + grantTtlMs, link.expiresAt)
    const sealed = sealGrant({ linkId: link.id, email: user.email.toLowerCase(), token, expiresAt }, NEXTAUTH_SECRET)
    const response = redirect(`/share/l/${link.id}`)
    for (const cookie of grantCookies(link.id, sealed, { maxAgeMs: expiresAt - Date.now(), secure: NEXTAUTH_URL.startsWith('https:') })) {
      response.headers.append('set-cookie', cookie)
    }
    return response
  } catch (error) {
    // Refused for guessing (T3.6): a browser gets a page that says so; other clients the 429 with its Retry-After.
    if (AppError.is(error) && error.code === 'rate_limited:share') return answer(request, '/share/too-many', error)
    return withShareHeaders(errorResponse(error))
  }
}

/** Browsers go to a page that explains; other clients get the error as JSON. */
function answer(request: Request, page: string, error: AppError): Response {
  const wantsPage = (request.headers.get('accept') ?? '').includes('text/html')
  return wantsPage ? redirect(page) : withShareHeaders(error.toResponse())
}

function redirect(path: string): Response {
  // Built on the configured origin, never on the request's Host header.
  const location = new URL(path, serverConfig().NEXTAUTH_URL).href
  return withShareHeaders(new Response(null, { status: 303, headers: { location } }))
}

function withShareHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(shareResponseHeaders)) response.headers.set(name, value)
  return response
}
