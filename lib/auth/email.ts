// Who may sign in: a verified e-mail address whose domain is one of the allowed ones. Pure, so the same rule is
// unit-tested, applied at sign-in (lib/auth/options.ts) and re-checked on every request (lib/auth/session.ts).

const plainAddress = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/

/** The lower-cased domain of a plain ASCII address, or undefined for anything else (homoglyphs, two @, spaces). */
export function emailDomain(email: string): string | undefined {
  const lowered = email.trim().toLowerCase()
  return plainAddress.exec(lowered)?.[1]
}

export function isAllowedEmail(email: string | null | undefined, allowedDomains: readonly string[]): boolean {
  if (!email) return false
  const domain = emailDomain(email)
  return domain !== undefined && allowedDomains.includes(domain)
}

export interface SignInProfile {
  email?: unknown
  email_verified?: unknown
}

/** Adobe IMS sends `email_verified`; an address it says is unverified never gets in. */
export function isAllowedProfile(profile: SignInProfile, allowedDomains: readonly string[]): boolean {
  if (profile.email_verified === false || profile.email_verified === 'false') return false
  return typeof profile.email === 'string' && isAllowedEmail(profile.email, allowedDomains)
}
