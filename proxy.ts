import { getToken } from 'next-auth/jwt'
import { type NextRequest, NextResponse } from 'next/server'
import { contentSecurityPolicy, newNonce } from '@/lib/http/security-headers'

// Two jobs, neither of them a security boundary for data:
// 1. Every page gets a Content-Security-Policy with a fresh nonce. Next reads the nonce back from the request's
//    CSP header while rendering and stamps it on its own scripts (the documented Next 16 pattern).
// 2. Redirects only: a page asked for without a session goes to sign-in and comes back afterwards. This is a
//    convenience, never the security boundary: every page and route handler checks the session itself
//    (lib/auth/session.ts), because proxies and middleware have been bypassed before (CVE-2025-29927).

/** Pages anyone may open: sign-in itself, and share links (whose page asks for sign-in in its own way). */
const openPages = /^\/(?:signin(?:\/|$)|share\/)/

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === 'development',
    upgradeInsecureRequests: request.nextUrl.protocol === 'https:' || (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
  })

  if (!openPages.test(request.nextUrl.pathname) && !(await hasSession(request))) {
    const signIn = new URL('/signin', request.url)
    signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`)
    const redirect = NextResponse.redirect(signIn)
    redirect.headers.set('content-security-policy', csp)
    return redirect
  }

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('content-security-policy', csp)
  return response
}

async function hasSession(request: NextRequest): Promise<boolean> {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null)
  return token !== null
}

export const config = {
  // Pages only. API routes answer 401 themselves and get a fixed, script-free policy from next.config.mjs;
  // built assets under /_next carry no HTML to protect.
  matcher: ['/((?!api/|_next/|favicon.ico|robots.txt).*)'],
}
