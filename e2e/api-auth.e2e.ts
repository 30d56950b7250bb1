import { expect, test } from '@playwright/test'
import { encode } from 'next-auth/jwt'
import { readFileSync } from 'node:fs'
import { discoverRoutes, publicRoutes } from './support/routes'
import { clearRequestLog, requestLog } from './support/simulator'

const routes = discoverRoutes().filter((route) => !publicRoutes.has(route.file))

test('the route list is discovered from disk', () => {
  expect(routes.length).toBeGreaterThan(1)
  for (const route of routes) expect(route.methods.length, route.file).toBeGreaterThan(0)
})

async function wrongDomainSession(): Promise<string> {
  // A well-formed, correctly signed session for someone outside the organisation: only the per-request check stops it.
  const secret = readFileSync('.data/nextauth-secret', 'utf8').trim()
  return encode({ token: { email: 'eve@other.example', name: 'Eve', sub: 'eve' }, secret })
}

async function expiredSession(): Promise<string> {
  const secret = readFileSync('.data/nextauth-secret', 'utf8').trim()
  return encode({ token: { email: 'alice@acme.example', sub: 'alice' }, secret, maxAge: -60 })
}

const attempts: { name: string; headers: () => Promise<Record<string, string>> }[] = [
  { name: 'no cookie', headers: async () => ({}) },
  { name: 'a garbage session cookie', headers: async () => ({ cookie: 'next-auth.session-token=garbage' }) },
  { name: 'an expired session', headers: async () => ({ cookie: `next-auth.session-token=${await expiredSession()}` }) },
  { name: 'a valid session of the wrong domain', headers: async () => ({ cookie: `next-auth.session-token=${await wrongDomainSession()}` }) },
  {
    name: 'the x-middleware-subrequest trick',
    headers: async () => ({ 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-nextjs-data': '1' }),
  },
]

for (const attempt of attempts) {
  test(`every API route refuses ${attempt.name}, and Adobe is never called`, async ({ request }) => {
    await clearRequestLog()
    const headers = await attempt.headers()
    for (const route of routes) {
      for (const method of route.methods) {
        const response = await request.fetch(route.urlPath, {
          method,
          headers: { ...headers, 'content-type': 'application/json', origin: 'http://127.0.0.1:3100' },
          data: method === 'GET' || method === 'HEAD' ? undefined : '{}',
          maxRedirects: 0,
        })
        expect([401, 403], `${method} ${route.urlPath} (${route.file})`).toContain(response.status())
        if (method !== 'HEAD') {
          const body = (await response.json()) as { error?: { code?: string; message?: string } }
          expect(body.error?.message, `${method} ${route.urlPath}`).toBeTruthy()
        }
      }
    }
    expect(await requestLog()).toEqual([])
  })
}
