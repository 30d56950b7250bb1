import type { NextConfig } from 'next'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, newNonce, parsePolicy } from './security-headers'

interface Header {
  key: string
  value: string
}

// next.config.mjs is plain JavaScript (Next loads it without a compiler), so it is imported by URL and typed here.
interface NextConfigModule {
  default: NextConfig
  staticSecurityHeaders: Header[]
  apiContentSecurityPolicy: string
  sharePageHeaders: Header[]
}

const loadNextConfig = async (): Promise<NextConfigModule> =>
  (await import(/* @vite-ignore */ new URL('../../next.config.mjs', import.meta.url).href)) as NextConfigModule

describe('newNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce))
    expect(nonces.size).toBe(1000)
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
    }
  })
})

describe('contentSecurityPolicy', () => {
  const nonce = 'AAAAAAAAAAAAAAAAAAAAAA=='
  const production = parsePolicy(contentSecurityPolicy({ nonce, dev: false, upgradeInsecureRequests: false }))

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]],
    ['style-src', ["'self'", `'nonce-${nonce}'`]],
    ['img-src', ["'self'", 'blob:', 'data:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s is %j in production', (name, values) => {
    expect(production.get(name)).toEqual(values)
  })

  it('never allows inline code or eval in production', () => {
    const all = [...production.values()].flat()
    expect(all).not.toContain("'unsafe-inline'")
    expect(all).not.toContain("'unsafe-eval'")
    expect(production.has('upgrade-insecure-requests')).toBe(false)
  })

  it('adds eval only for the development build, and the https upgrade only when served over https', () => {
    const dev = parsePolicy(contentSecurityPolicy({ nonce, dev: true, upgradeInsecureRequests: true }))
    expect(dev.get('script-src')).toContain("'unsafe-eval'")
    expect(dev.get('style-src')).not.toContain("'unsafe-inline'")
    expect(dev.has('upgrade-insecure-requests')).toBe(true)
  })

  it('carries the nonce in the form Next reads it back from', () => {
    // Next's own parser (get-script-nonce-from-header.js) takes the first 'nonce-…' of script-src.
    const fresh = newNonce()
    const header = contentSecurityPolicy({ nonce: fresh, dev: false, upgradeInsecureRequests: false })
    const scriptSrc = header.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src')) ?? ''
    const match = /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(scriptSrc)
    expect(match?.[1]).toBe(fresh)
    expect(header).not.toMatch(/[\r\n]/)
  })
})

describe('next.config.mjs headers()', () => {
  it('puts the static security headers on every path, a script-free CSP on the API and no-referrer on share pages', async () => {
    const { default: nextConfig, staticSecurityHeaders, apiContentSecurityPolicy, sharePageHeaders } = await loadNextConfig()
    const rules = (await nextConfig.headers?.()) ?? []
    const bySource = new Map(rules.map((rule) => [rule.source, rule.headers]))
    expect(bySource.get('/:path*')).toEqual(staticSecurityHeaders)
    expect(bySource.get('/api/:path*')).toEqual([{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }])
    expect(bySource.get('/share/:path*')).toEqual(sharePageHeaders)
    expect(Object.fromEntries(staticSecurityHeaders.map(({ key, value }) => [key, value]))).toEqual({
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    })
    expect(nextConfig.poweredByHeader).toBe(false)
  })
})
