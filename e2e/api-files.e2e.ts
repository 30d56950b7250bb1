import { expect, test } from '@playwright/test'
import { storageStateOf } from './support/env'
import { clearRequestLog, requestLog } from './support/simulator'

test.use({ storageState: storageStateOf('alice') })

const fileId = '01E5QSWCAASFQ054FNBKYV6TIQ-1'
const good = 'part-00000-tid-1234567890123456789-a25f1890-efa9-40eb-a2cb-1b378e93d582-0-1-c000.snappy.parquet'

const badRequests: { name: string; url: string; headers?: Record<string, string> }[] = [
  { name: 'a malformed sandbox', url: `/api/sandboxes/PROD!/files/${fileId}?path=${good}` },
  { name: 'a malformed file id', url: `/api/sandboxes/prod/files/..%2f..%2fadmin?path=${good}` },
  { name: 'no path', url: `/api/sandboxes/prod/files/${fileId}` },
  { name: 'a path with /', url: `/api/sandboxes/prod/files/${fileId}?path=${encodeURIComponent('a/b.parquet')}` },
  { name: 'a path with ..', url: `/api/sandboxes/prod/files/${fileId}?path=${encodeURIComponent('..')}` },
  { name: 'a path with an encoded separator', url: `/api/sandboxes/prod/files/${fileId}?path=a%252fb.parquet` },
  { name: 'a path with a control character', url: `/api/sandboxes/prod/files/${fileId}?path=a%0d%0ab.parquet` },
  { name: 'a path with a backslash', url: `/api/sandboxes/prod/files/${fileId}?path=${encodeURIComponent('..\\x.parquet')}` },
  { name: 'several ranges', url: `/api/sandboxes/prod/files/${fileId}?path=${good}`, headers: { range: 'bytes=0-0,5-9' } },
  { name: 'an absurd range', url: `/api/sandboxes/prod/files/${fileId}?path=${good}`, headers: { range: 'bytes=99999999999999999999-' } },
  { name: 'a backwards range', url: `/api/sandboxes/prod/files/${fileId}?path=${good}`, headers: { range: 'bytes=9-1' } },
  { name: 'a range in other units', url: `/api/sandboxes/prod/files/${fileId}?path=${good}`, headers: { range: 'items=0-1' } },
  { name: 'a malformed dataset id', url: '/api/sandboxes/prod/datasets/not-a-dataset' },
  { name: 'a malformed batch id', url: '/api/sandboxes/prod/batches/x' },
]

test('bad input gets a 4xx with a message, and Adobe is never asked', async ({ request }) => {
  await clearRequestLog()
  for (const bad of badRequests) {
    const response = await request.get(bad.url, { headers: bad.headers })
    expect(response.status(), bad.name).toBeGreaterThanOrEqual(400)
    expect(response.status(), bad.name).toBeLessThan(500)
    if (response.status() !== 404 || (response.headers()['content-type'] ?? '').includes('json')) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } }
      expect(body.error?.message, bad.name).toMatch(/\w+ \w+/)
    }
  }
  expect((await requestLog()).map((entry) => entry.path)).toEqual([])
})

test('an unknown file is a 404 in words, not a 500', async ({ request }) => {
  const response = await request.get(`/api/sandboxes/prod/files/${fileId}?path=${good}`)
  expect(response.status()).toBe(404)
  const body = (await response.json()) as { error: { code: string; message: string } }
  expect(body.error.code).toBe('not_found:file')
  expect(body.error.message.length).toBeGreaterThan(10)
})

test('the browser\'s cookies and hop-by-hop headers never travel upstream', async ({ request, page }) => {
  await page.goto('/sandboxes/prod')
  await clearRequestLog()
  const response = await request.get('/api/sandboxes', {
    headers: { 'x-middleware-subrequest': 'x', 'x-forwarded-host': 'evil.example', te: 'trailers', connection: 'x-hop', 'x-hop': '1' },
  })
  expect(response.status()).toBe(200)
  const log = await requestLog()
  expect(log.length).toBeGreaterThan(0)
  for (const entry of log) {
    const names = Object.keys(entry.headers)
    expect(names).not.toContain('cookie')
    expect(names).not.toContain('x-middleware-subrequest')
    expect(names).not.toContain('x-forwarded-host')
    expect(names).not.toContain('x-hop')
    expect(entry.headers.authorization ?? '').toMatch(/^Bearer /)
  }
})
