import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { SignInButton } from '@/components/auth/sign-in-button'
import { currentUser } from '@/lib/auth/session'
import { serverConfig } from '@/lib/env'
import { firstParam, type PageArgs } from '@/lib/http/page-props'

export const metadata: Metadata = { title: 'Sign in · Score Explorer' }
export const dynamic = 'force-dynamic'

/** next-auth's error codes, in words a person can act on. */
function explain(error: string | undefined, allowedDomains: string[]): string | undefined {
  if (!error) return undefined
  if (error === 'NotInOrganisation' || error === 'AccessDenied') {
    return `That account is not part of this organisation, so it cannot open Score Explorer. Sign in with your work account (${allowedDomains.map((d) => `@${d}`).join(', ')}).`
  }
  if (error === 'SessionRequired') return 'Sign in to open that page.'
  return 'Signing in with Adobe did not complete. Please try again; if it keeps failing, the identity provider may be unavailable.'
}

function safeCallback(value: string | undefined): string {
  // Only paths on this site: never send someone elsewhere after sign-in.
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

export default async function SignInPage({ searchParams }: PageArgs) {
  const params = await searchParams
  const error = firstParam(params.error)
  const callbackUrl = safeCallback(firstParam(params.callbackUrl))
  if (!error && (await currentUser())) redirect(callbackUrl)
  const message = explain(error, serverConfig().AUTH_ALLOWED_EMAIL_DOMAINS)

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Score Explorer</h1>
        <p className="mt-2 text-sm text-slate-600">
          Customer AI scores from Adobe Experience Platform: browse runs, preview files, download and share them.
        </p>
        {message && (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {message}
          </p>
        )}
        <div className="mt-6">
          <SignInButton callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  )
}
