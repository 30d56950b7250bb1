import { describe, expect, it } from 'vitest'
import { cookieValues, grantCookies, openGrant, sealGrant, type ShareGrant, validGrant } from './share-grant'

const secret = 'a-test-secret-that-is-at-least-32-bytes-long'
const token = 'A'.repeat(43)
const grant: ShareGrant = { linkId: 'abcdefghijklmnop', email: 'bob@acme.example', token, expiresAt: 2_000 }

describe('share grant', () => {
  it('round-trips, and never shows the token in the sealed value', () => {
    const sealed = sealGrant(grant, secret)
    expect(sealed).not.toContain(token)
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(token)
    expect(openGrant(sealed, secret)).toEqual(grant)
    // A fresh IV each time: two seals of the same grant differ.
    expect(sealGrant(grant, secret)).not.toBe(sealed)
  })

  it('refuses another secret, a flipped byte, a truncated value and garbage', () => {
    const sealed = sealGrant(grant, secret)
    expect(openGrant(sealed, `${secret}-other`)).toBeUndefined()
    const raw = Buffer.from(sealed, 'base64url')
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
    expect(openGrant(raw.toString('base64url'), secret)).toBeUndefined()
    expect(openGrant(sealed.slice(0, 20), secret)).toBeUndefined()
    expect(openGrant('not base64 at all ✓', secret)).toBeUndefined()
    expect(openGrant('', secret)).toBeUndefined()
  })

  it('opens only for its link and person, before it runs out', () => {
    const sealed = sealGrant(grant, secret)
    const check = { linkId: grant.linkId, email: 'Bob@Acme.example', now: 1_999 }
    expect(validGrant([sealed], check, secret)).toEqual(grant)
    expect(validGrant([sealed], { ...check, now: 2_000 }, secret)).toBeUndefined()
    expect(validGrant([sealed], { ...check, linkId: 'another-link-idxx' }, secret)).toBeUndefined()
    expect(validGrant([sealed], { ...check, email: 'alice@acme.example' }, secret)).toBeUndefined()
    expect(validGrant(['garbage', sealed], check, secret)).toEqual(grant)
  })

  it('is set on the link\'s own paths only, httpOnly and SameSite=Lax', () => {
    const cookies = grantCookies('abcdefghijklmnop', 'v', { maxAgeMs: 3_600_000, secure: false })
    expect(cookies).toEqual([
      'share_grant=v; Path=/share/l/abcdefghijklmnop; Max-Age=3600; HttpOnly; SameSite=Lax',
      'share_grant=v; Path=/api/shares/abcdefghijklmnop; Max-Age=3600; HttpOnly; SameSite=Lax',
    ])
    expect(grantCookies('abcdefghijklmnop', 'v', { maxAgeMs: 1, secure: true })[0]).toMatch(/Max-Age=0; HttpOnly; SameSite=Lax; Secure$/)
  })

  it('reads every value of a cookie name from a Cookie header', () => {
    expect(cookieValues('a=1; share_grant=x; share_grant=y; share_grantx=z', 'share_grant')).toEqual(['x', 'y'])
    expect(cookieValues(null, 'share_grant')).toEqual([])
  })
})
