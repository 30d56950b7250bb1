import 'server-only'
import { getServerSession } from 'next-auth'
import { redirect } from 'next/navigation'
import { authOptions } from '@/lib/auth/options'
import { isAllowedEmail } from '@/lib/auth/email'
import { serverConfig } from '@/lib/env'
import { AppError } from '@/lib/errors'

export interface SignedInUser {
  email: string
  name: string | null
}

/** The signed-in person, or undefined. Re-checks the organisation on every request (defence in depth). */
export async function currentUser(): Promise<SignedInUser | undefined> {
  const session = await getServerSession(authOptions())
  const email = session?.user?.email
  if (!email || !isAllowedEmail(email, serverConfig().AUTH_ALLOWED_EMAIL_DOMAINS)) return undefined
  return { email, name: session.user?.name ?? null }
}

/** For route handlers: the person, or a 401 in our error contract. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser()
  if (!user) throw new AppError('unauthorized:auth', 'Sign in to continue.')
  return user
}

/** For pages: the person, or a redirect to sign-in that comes back here afterwards. */
export async function requireUserOrRedirect(returnTo: string): Promise<SignedInUser> {
  const user = await currentUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`)
  return user
}
