import { describe, expect, it } from 'vitest'
import { rejectionOf } from '@/lib/testing/app-error'
import { json, status, testClient } from './testing/fake-adobe'

// The request helper as seen through small calls: headers, URL building, redirects, Adobe's error bodies, and
// answers that do not match the expected shape.

const sandboxesAnswer = {
  sandboxes: [
    { name: 'prod', title: 'Production', state: 'active', type: 'production', region: 'VA7', isDefault: true, eTag: 2 },
    { name: 'dev', title: 'Development', state: 'active', type: 'development', isDefault: false },
  ],
  _page: { limit: 2, count: 2 },
}

describe('requests', () => {
  it('send the credential headers, the sandbox, redirect: manual, to a URL built from the configured origin', async () => {
    const { client, adobe } = testClient({ platform: [() => json({ b1: { status: 'success', created: 1 } })] })
    await client.catalog.getBatch('dev', 'b1')
    const [call] = adobe.platformCalls
    expect(call?.url.href).toBe('https://platform.adobe.io/data/foundation/catalog/batches/b1')
    expect(call?.redirect).toBe('manual')
    expect(Object.fromEntries(call?.headers ?? [])).toEqual({
      authorization: 'Bearer token-1',
      'x-api-key': 'score-explorer-test',
      'x-gw-ims-org-id': '0123456789ABCDEF01234567@AdobeOrg',
      'x-sandbox-name': 'dev',
      accept: 'application/json',
    })
  })

  it('encode ids as one path segment and refuse ids that would climb out of the path', async () => {
    const { client, adobe } = testClient({ platform: () => status(404) })
    await rejectionOf(client.catalog.getBatch('prod', 'a/b?c#d'))
    expect(adobe.platformCalls[0]?.url.pathname).toBe('/data/foundation/catalog/batches/a%2Fb%3Fc%23d')
    for (const id of ['..', '.', '']) {
      const error = await rejectionOf(client.catalog.getBatch('prod', id))
      expect(error.code).toBe('bad_request:aep')
    }
    expect(adobe.platformCalls).toHaveLength(1)
  })

  it('refuse a malformed sandbox name before anything is sent', async () => {
    const { client, adobe } = testClient({ platform: [] })
    const error = await rejectionOf(client.catalog.getBatch('prod\r\nx-evil: 1', 'b1'))
    expect(error.code).toBe('bad_request:aep')
    expect(adobe.platformCalls).toHaveLength(0)
  })

  it('never follow a redirect: a 3xx is an upstream error and the Location is not requested', async () => {
    const { client, adobe } = testClient({ platform: [() => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:9/steal' } })] })
    const error = await rejectionOf(client.sandboxes.list())
    expect(error.code).toBe('upstream:aep')
    expect(error.message).toContain('redirect')
    expect(adobe.platformCalls.map((call) => call.url.host)).toEqual(['platform.adobe.io'])
  })
})

describe('sandboxes.list', () => {
  it('lists the sandboxes available to the credential, without an x-sandbox-name header', async () => {
    const { client, adobe } = testClient({ platform: [() => json(sandboxesAnswer)] })
    expect(await client.sandboxes.list()).toEqual([
      { name: 'prod', title: 'Production', type: 'production', isDefault: true, state: 'active' },
      { name: 'dev', title: 'Development', type: 'development', isDefault: false, state: 'active' },
    ])
    expect(adobe.platformCalls[0]?.url.pathname).toBe('/data/foundation/sandbox-management/')
    expect(adobe.platformCalls[0]?.headers.has('x-sandbox-name')).toBe(false)
  })
})

describe('Adobe error bodies', () => {
  it('404 → not_found:aep naming the thing and the sandbox; the service code is kept', async () => {
    const { client } = testClient({
      platform: [() => status(404, { 'x-request-id': 'req-1' }, { type: 'http://ns.adobe.com/aep/errors/CAT-1010-404', title: 'Not found', status: 404, detail: 'Batch b1 not found' })],
    })
    const error = await rejectionOf(client.catalog.getBatch('dev', 'b1'))
    expect(error.code).toBe('not_found:aep')
    expect(error.message).toBe('That batch does not exist in sandbox dev.')
    expect(error.upstreamCode).toBe('CAT-1010-404')
    expect(error.detail).toContain('Batch b1 not found')
    expect(error.detail).toContain('req-1')
  })

  it('403003 (gateway) → forbidden:aep about the API key', async () => {
    const { client } = testClient({ platform: [() => status(403, {}, { error_code: '403003', message: 'Api Key is invalid' })] })
    const error = await rejectionOf(client.sandboxes.list())
    expect(error.code).toBe('forbidden:aep')
    expect(error.upstreamCode).toBe('403003')
    expect(error.message).toBe('Adobe rejected the API key (403003). Check AEP_CLIENT_ID.')
  })

  it('403025 → forbidden:aep about the organisation; 400003 → bad_request:aep about a missing header', async () => {
    const entitled = testClient({ platform: [() => status(403, {}, { error_code: '403025', message: 'Profile is not valid' })] })
    expect((await rejectionOf(entitled.client.sandboxes.list())).message).toContain('AEP_ORG_ID')
    const header = testClient({ platform: [() => status(400, {}, { error_code: '400003', message: 'Missing header' })] })
    expect((await rejectionOf(header.client.sandboxes.list())).code).toBe('bad_request:aep')
  })

  it('429 after the last attempt → rate_limited:aep "try again in N s"', async () => {
    const throttled = () => status(429, { 'retry-after': '3' }, { error_code: '429050', message: 'Too many requests' })
    const { client } = testClient({ platform: [throttled, throttled, throttled] })
    const error = await rejectionOf(client.sandboxes.list())
    expect(error.code).toBe('rate_limited:aep')
    expect(error.message).toBe('Adobe is throttling requests; try again in 3 s.')
    expect(error.retryAfter).toBe(3)
  })

  it('Adobe’s own words stay in detail, never in the message shown to people', async () => {
    const { client } = testClient({ platform: [() => status(400, {}, { type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'internal stack at com.adobe.Foo' })] })
    const error = await rejectionOf(client.sandboxes.list())
    expect(error.code).toBe('bad_request:aep')
    expect(error.message).not.toContain('com.adobe')
    expect(error.detail).toContain('com.adobe')
  })
})

describe('answers in an unexpected shape', () => {
  it('become upstream:aep with the zod issue in detail', async () => {
    const { client } = testClient({ platform: [() => json({ sandboxes: 'not a list' })] })
    const error = await rejectionOf(client.sandboxes.list())
    expect(error.code).toBe('upstream:aep')
    expect(error.message).toBe('Adobe answered in an unexpected shape.')
    expect(error.detail).toContain('sandboxes')
  })

  it('a body that is not JSON is the same error', async () => {
    const { client } = testClient({ platform: [() => new Response('<html>gateway</html>', { status: 200 })] })
    expect((await rejectionOf(client.sandboxes.list())).message).toBe('Adobe answered in an unexpected shape.')
  })

  it('unknown extra fields are tolerated and numbers written as strings are read', async () => {
    const { client } = testClient({
      platform: [() => json({ b1: { status: 'success', created: '1586715571217', brandNewField: { x: 1 }, size: '2380339' } })],
    })
    const batch = await client.catalog.getBatch('prod', 'b1')
    expect(batch.created).toBe(1586715571217)
    expect(batch.size).toBe(2380339)
  })
})
