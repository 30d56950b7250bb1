// The grant a share link turns into after its first visit (reliability.md §3.5): the token leaves the address bar
// and lives on, sealed, in a short-lived cookie scoped to that one link's paths. Sealed, not just signed: the
// token inside lets a later refusal (the link was revoked mid-download) be audited against its link through the
// store's `refuse`, and nobody, the holder included, can read it back out. Pure (the secret is a parameter), so it is
// unit-tested without a server.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { z } from 'zod'

export const grantCookieName = 'share_grant'

/** An hour: long enough to preview and download, short enough that a forgotten browser soon holds nothing. */
export const grantTtlMs = 60 * 60 * 1000

export interface ShareGrant {
  linkId: string
  /** The person it was issued to, lower case: it opens nothing for anyone else signed in on that browser. */
  email: string
  /** The link's token, kept only so that refusals can be audited against the link. */
  token: string
  /** Epoch ms; never later than the link's own expiry. */
  expiresAt: number
}

const sealedPayload = z.object({ v: z.literal(1), l: z.string(), u: z.string(), t: z.string(), e: z.number().int() })

const ivBytes = 12
const tagBytes = 16

function keyFrom(secret: string): Buffer {
  // A key of its own, derived from the app secret: the session cookies' key is never reused for another purpose.
  return Buffer.from(hkdfSync('sha256', secret, 'score-explorer', 'share-grant/v1', 32))
}

export function sealGrant(grant: ShareGrant, secret: string): string {
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv)
  const plain = JSON.stringify({ v: 1, l: grant.linkId, u: grant.email, t: grant.token, e: grant.expiresAt })
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')
}

/** The grant inside a cookie value, or undefined for anything forged, damaged or sealed with another secret. */
export function openGrant(value: string, secret: string): ShareGrant | undefined {
  try {
    const raw = Buffer.from(value, 'base64url')
    if (raw.length <= ivBytes + tagBytes) return undefined
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), raw.subarray(0, ivBytes))
    decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes))
    const plain = Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8')
    const parsed = sealedPayload.safeParse(JSON.parse(plain))
    if (!parsed.success) return undefined
    return { linkId: parsed.data.l, email: parsed.data.u, token: parsed.data.t, expiresAt: parsed.data.e }
  } catch {
    return undefined
  }
}

export interface GrantCheck {
  linkId: string
  email: string
  now: number
}

/** The first of the cookie values that opens, names this link and this person, and has not run out. */
export function validGrant(values: readonly string[], { linkId, email, now }: GrantCheck, secret: string): ShareGrant | undefined {
  for (const value of values) {
    const grant = openGrant(value, secret)
    if (grant && grant.linkId === linkId && grant.email === email.trim().toLowerCase() && now < grant.expiresAt) return grant
  }
  return undefined
}

/** The paths a link's grant is sent to, and nowhere else: its page and its bytes routes. */
export function grantPaths(linkId: string): string[] {
  return [`/share/l/${linkId}`, `/api/shares/${linkId}`]
}

/**
 * Set-Cookie values, one per path. HttpOnly (scripts never see it), SameSite=Lax (the colleague arrives by a
 * top-level link from a chat or an e-mail, which Strict would strip on the redirect), Secure on https.
 */
export function grantCookies(linkId: string, sealed: string, { maxAgeMs, secure }: { maxAgeMs: number; secure: boolean }): string[] {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000))
  return grantPaths(linkId).map(
    (path) => `${grantCookieName}=${sealed}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  )
}

/** Every value of one cookie in a Cookie header (a browser may send several with the same name, one per path). */
export function cookieValues(header: string | null, name: string): string[] {
  if (!header) return []
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1))
}
