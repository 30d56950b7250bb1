import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashToken, isWellFormedToken, newLinkId, newToken, tokenLength } from './tokens'

describe('share tokens (reliability.md T3.1)', () => {
  it('are 43-character base64url and unique over 100,000 generations', () => {
    const tokens = Array.from({ length: 100_000 }, newToken)
    expect(tokens.filter((token) => !/^[A-Za-z0-9_-]{43}$/.test(token))).toEqual([])
    expect(new Set(tokens).size).toBe(100_000)
    expect(tokenLength).toBe(43)
  })

  it('carry 256 bits: every one decodes to 32 bytes', () => {
    expect(Buffer.from(newToken(), 'base64url')).toHaveLength(32)
  })

  it('are stored as sha256 hex', () => {
    // FIPS 180-2 test vector.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    const token = newToken()
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(token)).toBe(hashToken(token))
  })

  it('are well-formed exactly when they have the shape of one we issue', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => isWellFormedToken(Buffer.from(bytes).toString('base64url'))),
    )
    const base64url = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')
    // The right alphabet at any other length, or the right length with one foreign character.
    fc.assert(fc.property(fc.array(base64url, { maxLength: 100 }).filter((chars) => chars.length !== 43), (chars) => !isWellFormedToken(chars.join(''))))
    fc.assert(
      fc.property(fc.array(base64url, { minLength: 42, maxLength: 42 }), fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[A-Za-z0-9_-]/.test(c)), fc.nat(42), (chars, foreign, at) => {
        chars.splice(at, 0, foreign)
        return !isWellFormedToken(chars.join(''))
      }),
    )
    const token = newToken()
    expect(isWellFormedToken(token.slice(0, 42))).toBe(false)
    expect(isWellFormedToken(`${token}=`)).toBe(false)
    expect(isWellFormedToken(`${token.slice(0, 42)}+`)).toBe(false)
    expect(isWellFormedToken(`${token.slice(0, 42)}/`)).toBe(false)
    expect(isWellFormedToken(` ${token.slice(1)}`)).toBe(false)
  })

  it('link ids are URL-safe, unrelated to tokens, and unique', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newLinkId))
    expect(ids.size).toBe(10_000)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })
})
