import { describe, expect, it } from 'vitest'
import { emailDomain, isAllowedEmail, isAllowedProfile } from './email'

const allowed = ['acme.example']

describe('who may sign in', () => {
  it.each([
    ['alice@acme.example', true],
    ['A@ACME.EXAMPLE', true],
    ['eve@other.example', false],
    ['a@acme.example.evil.com', false],
    ['a@evil.com@acme.example', false],
    ['a＠acme.example', false],
    ['a@acme.example ', true],
    ['a @acme.example', false],
    ['', false],
    ['@acme.example', false],
    ['a@sub.acme.example', false],
  ])('%s -> %s', (email, expected) => {
    expect(isAllowedEmail(email, allowed)).toBe(expected)
  })

  it('refuses profiles whose address is not verified', () => {
    expect(isAllowedProfile({ email: 'alice@acme.example', email_verified: false }, allowed)).toBe(false)
    expect(isAllowedProfile({ email: 'alice@acme.example', email_verified: true }, allowed)).toBe(true)
    expect(isAllowedProfile({ email: 42 }, allowed)).toBe(false)
  })

  it('reads the domain of plain addresses only', () => {
    expect(emailDomain('Bob@Acme.Example')).toBe('acme.example')
    expect(emailDomain('bob')).toBeUndefined()
  })
})
