// Security headers that never change between requests (reliability.md §6.2), on every response: pages, API
// routes, downloads and built assets. The per-request CSP of pages comes from proxy.ts (it needs a nonce).
// lib/http/security-headers.test.ts checks this list; e2e/security-headers.e2e.ts checks what the server sends.
export const staticSecurityHeaders = [
  // Browsers only honour it over https, so it is harmless on the plain-http demo. No `preload`: that is a
  // commitment for every subdomain of the organisation, not ours to make.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

// API answers are JSON or file bytes, never a document to run: if one is ever opened as a page, nothing in it
// may load, run or be framed. (Pages are excluded from proxy.ts's matcher for /api, so this is their only CSP.)
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox"

// A share link is a capability URL: its page must not leak the token through Referer, nor be indexed
// (reliability.md §3.5, W3C TAG "Capability URLs").
export const sharePageHeaders = [
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Robots-Tag', value: 'noindex' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Several builds can live side by side (e.g. parallel end-to-end runs on other ports).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // The AEP simulator and the bench are never part of the app bundle.
  outputFileTracingExcludes: { '*': ['simulator/**', 'bench/**', '.data/**'] },
  serverExternalPackages: ['better-sqlite3', 'undici'],
  // `npm test` type-checks the whole project (tsc --noEmit) before it builds; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // When two entries set the same header, the later one wins: the share-page Referrer-Policy overrides the default.
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }] },
      { source: '/share/:path*', headers: sharePageHeaders },
      { source: '/api/shares/:path*', headers: sharePageHeaders },
    ]
  },
}

export default nextConfig
