// The demo people who can sign in to the simulated IdP (design.md, "Demo organisation"). The IdP signs in all
// three; refusing eve, who is outside the allowed organisation, is the app's job.
import { createHash } from 'node:crypto'

export interface DemoAccount {
  email: string
  givenName: string
  familyName: string
  password: string
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'alice@acme.example', givenName: 'Alice', familyName: 'Archer', password: 'demo' },
  { email: 'bob@acme.example', givenName: 'Bob', familyName: 'Baker', password: 'demo' },
  { email: 'carol@acme.example', givenName: 'Carol', familyName: 'Cooper', password: 'demo' },
  { email: 'eve@other.example', givenName: 'Eve', familyName: 'Evans', password: 'demo' },
]

/** A stable subject in the form of Adobe user ids (24 upper-case hex characters + `@AdobeID`). */
export function subjectOf(account: DemoAccount): string {
  return `${createHash('sha256').update(account.email).digest('hex').slice(0, 24).toUpperCase()}@AdobeID`
}

export function accountBySubject(sub: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => subjectOf(a) === sub)
}

/** Checks a sign-in; emails compare case-insensitively, passwords exactly. */
export function authenticate(email: string, password: string): DemoAccount | undefined {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email.trim().toLowerCase())
  return account && account.password === password ? account : undefined
}

export function claimsOf(account: DemoAccount): Record<string, unknown> {
  return {
    sub: subjectOf(account),
    email: account.email,
    email_verified: true,
    name: `${account.givenName} ${account.familyName}`,
    given_name: account.givenName,
    family_name: account.familyName,
  }
}
