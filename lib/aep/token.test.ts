import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { defaultDeps, defaultOptions } from './options'
import { createTokenCache } from './token'
import { catalogBatch, fakeAdobe, fakeClock, json, status, testClient, testConfig, type Responder } from './testing/fake-adobe'

// reliability.md T4.3 and §4.4: one IMS request however many callers, proactive renewal, renew-once on 401.

function tokenCache(ims?: Responder) {
  const adobe = fakeAdobe({ ims })
  const clock = fakeClock()
  const tokens = createTokenCache(testConfig, { ...defaultDeps, fetch: adobe.fetch, now: clock.now, sleep: clock.sleep }, defaultOptions)
  return { tokens, adobe, clock }
}

describe('IMS token cache', () => {
  it('asks IMS with the client_credentials form', async () => {
    const { tokens, adobe } = tokenCache()
    expect(await tokens.get()).toBe('token-1')
    const [call] = adobe.imsCalls
    expect(call?.method).toBe('POST')
    expect(call?.url.href).toBe('https://ims.test/ims/token/v3')
    expect(call?.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(call?.body))).toEqual({
      client_id: 'score-explorer-test',
      client_secret: 'test-secret',
      grant_type: 'client_credentials',
      scope: 'openid,AdobeID',
    })
    expect(call?.redirect).toBe('manual')
  })

  it('single-flight: 50 concurrent callers on an empty cache → exactly 1 IMS request', async () => {
    const { tokens, adobe } = tokenCache()
    const got = await Promise.all(Array.from({ length: 50 }, () => tokens.get()))
    expect(new Set(got)).toEqual(new Set(['token-1']))
    expect(adobe.imsCalls).toHaveLength(1)
  })

  it('single-flight on a stale cache too, and 50 concurrent Platform calls share one token request', async () => {
    const { client, adobe, clock } = testClient({ platform: () => json({ b1: catalogBatch() }) })
    await client.catalog.getBatch('prod', 'b1')
    clock.advance((86399 - 299) * 1000) // inside the 300 s renewal margin
    await Promise.all(Array.from({ length: 50 }, () => client.catalog.getBatch('prod', 'b1')))
    expect(adobe.imsCalls).toHaveLength(2)
    expect(adobe.platformCalls.slice(1).every((call) => call.headers.get('authorization') === 'Bearer token-2')).toBe(true)
  })

  it('renews proactively once fewer than tokenRefreshMarginS seconds remain', async () => {
    let issued = 0
    const { tokens, adobe, clock } = tokenCache(() => json({ access_token: `t${++issued}`, token_type: 'bearer', expires_in: 3600 }))
    const first = await tokens.get()
    clock.advance((3600 - 301) * 1000)
    expect(await tokens.get()).toBe(first)
    expect(adobe.imsCalls).toHaveLength(1)
    clock.advance(2000) // now 299 s left
    await tokens.get()
    expect(adobe.imsCalls).toHaveLength(2)
  })

  it('a short-lived token is not renewed on every call (margin at most half the lifetime)', async () => {
    const { tokens, adobe, clock } = tokenCache(() => json({ access_token: 'short', expires_in: 60 }))
    await tokens.get()
    clock.advance(29_000)
    await tokens.get()
    expect(adobe.imsCalls).toHaveLength(1)
    clock.advance(2_000)
    await tokens.get()
    expect(adobe.imsCalls).toHaveLength(2)
  })

  it('invalidate drops the cache only if it still holds that token', async () => {
    const { tokens, adobe } = tokenCache()
    await tokens.get()
    tokens.invalidate('some-older-token')
    expect(await tokens.get()).toBe('token-1')
    tokens.invalidate('token-1')
    expect(await tokens.get()).toBe('token-2')
    expect(adobe.imsCalls).toHaveLength(2)
  })

  it('while IMS fails, a token that has not expired yet keeps being used', async () => {
    let imsDown = false
    let issued = 0
    const { tokens, clock } = tokenCache(() => (imsDown ? status(503) : json({ access_token: `t${++issued}`, expires_in: 3600 })))
    await tokens.get()
    imsDown = true
    clock.advance((3600 - 100) * 1000)
    expect(await tokens.get()).toBe('t1')
    clock.advance(200_000)
    const error = await tokens.get().catch((reason: unknown) => reason)
    expect(AppError.is(error) && error.code).toBe('unavailable:aep')
  })

  it('invalid_client becomes forbidden:aep naming the settings to check', async () => {
    const { tokens } = tokenCache(() => status(401, {}, { error: 'invalid_client', error_description: 'invalid client_secret parameter' }))
    const error = await tokens.get().catch((reason: unknown) => reason)
    expect(AppError.is(error)).toBe(true)
    if (!AppError.is(error)) return
    expect(error.code).toBe('forbidden:aep')
    expect(error.upstreamCode).toBe('invalid_client')
    expect(error.message).toBe('Adobe IMS refused the server credential (invalid_client). Check AEP_CLIENT_ID and AEP_CLIENT_SECRET.')
  })

  it('an IMS answer without access_token is an upstream error, not a token', async () => {
    const { tokens } = tokenCache(() => json({ token_type: 'bearer', expires_in: 86399 }))
    const error = await tokens.get().catch((reason: unknown) => reason)
    expect(AppError.is(error) && error.code).toBe('upstream:aep')
  })

  it('a failed IMS request is not cached: the next caller tries again', async () => {
    let calls = 0
    const { tokens, adobe } = tokenCache(() => (++calls === 1 ? Promise.reject(new TypeError('fetch failed')) : json({ access_token: 'ok', expires_in: 86399 })))
    await expect(tokens.get()).rejects.toMatchObject({ code: 'unavailable:aep' })
    expect(await tokens.get()).toBe('ok')
    expect(adobe.imsCalls).toHaveLength(2)
  })
})

describe('401 from Platform', () => {
  it('renews the token and retries once: 2 platform calls, 2 token requests, success', async () => {
    const { client, adobe } = testClient({
      platform: [() => status(401, {}, { error_code: '401013', message: 'Oauth token is not valid' }), () => json({ b1: catalogBatch() })],
    })
    await client.catalog.getBatch('prod', 'b1')
    expect(adobe.platformCalls).toHaveLength(2)
    expect(adobe.imsCalls).toHaveLength(2)
    expect(adobe.platformCalls.map((call) => call.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2'])
  })

  it('a second 401 is an upstream:aep error: exactly 2 platform calls and 2 token requests, no loop', async () => {
    const unauthorized = () => status(401, {}, { error_code: '401013', message: 'Oauth token is not valid' })
    const { client, adobe } = testClient({ platform: [unauthorized, unauthorized, unauthorized] })
    const error = await client.catalog.getBatch('prod', 'b1').catch((reason: unknown) => reason)
    expect(AppError.is(error)).toBe(true)
    if (!AppError.is(error)) return
    expect(error.code).toBe('upstream:aep')
    expect(error.upstreamCode).toBe('401013')
    expect(adobe.platformCalls).toHaveLength(2)
    expect(adobe.imsCalls).toHaveLength(2)
  })

  it('a POST is renewed-and-retried on 401 too (the gateway refused it before anything happened)', async () => {
    const { client, adobe } = testClient({ platform: [() => status(401), () => json(['@/dataSets/5b020a27e7040801dedba61b'], { status: 201 })] })
    expect(await client.catalog.createDataset('prod', { name: 'x', schemaId: 'https://ns.adobe.com/xdm/context/profile__union' })).toBe(
      '5b020a27e7040801dedba61b',
    )
    expect(adobe.platformCalls).toHaveLength(2)
  })
})

describe('IMS timeouts', () => {
  it('an IMS that never answers becomes upstream_timeout:aep within the headers timeout', async () => {
    const adobe = fakeAdobe({ ims: () => new Promise<Response>(() => {}) })
    const tokens = createTokenCache(testConfig, { ...defaultDeps, fetch: adobe.fetch }, { ...defaultOptions, headersTimeoutMs: 20 })
    await expect(tokens.get()).rejects.toMatchObject({ code: 'upstream_timeout:aep', message: 'Adobe IMS did not answer within 20 ms.' })
  })
})
