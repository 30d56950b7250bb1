// Share-link tokens (reliability.md §3.1): 256 random bits, base64url, handed out once and stored only as a hash.
// The token is high-entropy, so a fast hash is enough: there is nothing to brute-force.
import { createHash, randomBytes } from 'node:crypto'

export const tokenLength = 43

const tokenShape = /^[A-Za-z0-9_-]{43}$/

/** 32 random bytes as base64url: 43 characters, no padding. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** sha256 of the token, lower-case hex: what the database stores and looks up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/**
 * Shape only: 43 base64url characters. A well-shaped token that was never issued is found out by the lookup (and
 * audited as `unknown`); anything else is refused without touching the database (audited as `malformed`).
 */
export function isWellFormedToken(token: string): boolean {
  return tokenShape.test(token)
}

/** A link's public id: 96 random bits, URL-safe. Appears in URLs and logs; grants nothing by itself. */
export function newLinkId(): string {
  return randomBytes(12).toString('base64url')
}
