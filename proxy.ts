import { getToken } from 'next-auth/jwt'
import { type NextRequest, NextResponse } from 'next/server'

// Redirects only: a page asked for without a session goes to sign-in and comes back afterwards. This is a
// convenience, never the security boundary: every page and route handler checks the session itself
// (lib/auth/session.ts), because proxies and middleware have been bypassed before (CVE-2025-29927).
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null)
  if (token) return NextResponse.next()
  const signIn = new URL('/signin', request.url)
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`)
  return NextResponse.redirect(signIn)
}

export const config = {
  // Pages only: API routes answer 401 themselves; sign-in, share landing pages and static assets stay open.
  matcher: ['/((?!api/|signin|share/|_next/|favicon.ico|robots.txt).*)'],
}
