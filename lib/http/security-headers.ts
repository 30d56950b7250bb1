// The Content-Security-Policy of every page, built per request around a fresh nonce (reliability.md §6.1).
// proxy.ts calls this; Next reads the nonce back out of the request's CSP header and puts it on its own scripts.
// The static headers (HSTS, nosniff, framing, referrer, COOP) are not here: next.config.mjs sets them on every
// response, pages and API alike, and cannot import TypeScript.

/** 128 random bits, base64: what CSP calls a nonce-source. A new one for every page request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Buffer.from(bytes).toString('base64')
}

export interface PolicyOptions {
  nonce: string
  /** React's development build evaluates code for its error overlays; production never does. */
  dev: boolean
  /** Only when the app is served over https: on plain http (the demo on 127.0.0.1) it would break every request. */
  upgradeInsecureRequests: boolean
}

export function contentSecurityPolicy({ nonce, dev, upgradeInsecureRequests }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': scripts our nonced bootstrap loads (page chunks) are trusted; nothing else is.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Tailwind compiles to a stylesheet under /_next/static; Next nonces the few <style> tags it inlines.
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'"],
    // The browser only ever talks to us; Adobe is reached by the server.
    ['connect-src', "'self'"],
    // Parquet is decoded in a Web Worker, which bundlers may start from a blob: URL.
    ['worker-src', "'self'", 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    // Sign-in leaves for the identity provider by a script redirect (next-auth's signIn), not a form post.
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(upgradeInsecureRequests ? [['upgrade-insecure-requests'] as [string]] : []),
  ]
  return directives.map((parts) => parts.join(' ')).join('; ')
}

/** The directive list of a CSP header, by name: for tests and for reading a policy back. */
export function parsePolicy(header: string): Map<string, string[]> {
  const policy = new Map<string, string[]>()
  for (const directive of header.split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/)
    if (name) policy.set(name.toLowerCase(), values)
  }
  return policy
}
