// Gateway header checks and IMS client credentials, in Adobe's shapes (aep-api.md §6.1, §7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from './index'
import { API_KEY, ORG_ID, getToken, startSimulator } from './testkit'

let sim: Simulator
let token: string
const path = '/data/foundation/catalog/dataSets'

beforeAll(async () => {
  sim = await startSimulator()
  token = await getToken(sim.url)
})
afterAll(() => sim.close())

async function call(headers: Record<string, string>) {
  const res = await fetch(`${sim.url}${path}`, { headers })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('IMS client credentials', () => {
  const post = (params: Record<string, string>, query = '') =>
    fetch(`${sim.url}/ims/token/v3${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
    })
  const good = { client_id: 'score-explorer-demo', client_secret: 'demo-secret', grant_type: 'client_credentials', scope: 'openid,AdobeID' }

  it('issues an opaque bearer token with expires_in in seconds', async () => {
    const res = await post(good)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86399 })
    expect(String(body.access_token).length).toBeGreaterThan(20)
  })

  it('accepts the parameters in the query string', async () => {
    const res = await fetch(`${sim.url}/ims/token/v3?${new URLSearchParams(good).toString()}`, { method: 'POST' })
    expect(res.status).toBe(200)
  })

  it('refuses a wrong secret or client id with 401 invalid_client', async () => {
    for (const params of [{ ...good, client_secret: 'nope' }, { ...good, client_id: 'someone-else' }]) {
      const res = await post(params)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
    }
  })

  it('answers 400 invalid_request for a missing parameter', async () => {
    for (const missing of ['client_id', 'client_secret', 'scope', 'grant_type'] as const) {
      const params: Record<string, string> = { ...good }
      delete params[missing]
      const res = await post(params)
      expect(res.status, missing).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request')
    }
  })

  it('answers 400 unsupported_grant_type for other grants', async () => {
    const res = await post({ ...good, grant_type: 'password' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_grant_type')
  })
})

describe('gateway checks on /data', () => {
  const full = () => ({ Authorization: `Bearer ${token}`, 'x-api-key': API_KEY, 'x-gw-ims-org-id': ORG_ID })

  it('passes a well-formed call', async () => {
    expect((await call(full())).status).toBe(200)
  })

  it('403010 when Authorization is missing', async () => {
    const { Authorization: _omit, ...rest } = full()
    expect(await call(rest)).toEqual({ status: 403, body: { error_code: '403010', message: 'Oauth token is missing.' } })
  })

  it('401013 for an unknown token or a non-bearer scheme', async () => {
    expect(await call({ ...full(), Authorization: 'Bearer not-a-token' })).toEqual({
      status: 401,
      body: { error_code: '401013', message: 'Oauth token is not valid' },
    })
    expect((await call({ ...full(), Authorization: `Basic ${token}` })).status).toBe(401)
  })

  it('403000 when x-api-key is missing, 403003 when it is wrong', async () => {
    const { 'x-api-key': _omit, ...rest } = full()
    expect(await call(rest)).toEqual({ status: 403, body: { error_code: '403000', message: 'Api Key is required' } })
    expect(await call({ ...full(), 'x-api-key': 'other' })).toEqual({ status: 403, body: { error_code: '403003', message: 'Api Key is invalid' } })
  })

  it('400003 when the org header is missing, 403025 when it is another org', async () => {
    const { 'x-gw-ims-org-id': _omit, ...rest } = full()
    expect(await call(rest)).toEqual({ status: 400, body: { error_code: '400003', message: 'Missing header' } })
    expect(await call({ ...full(), 'x-gw-ims-org-id': 'FFFF@AdobeOrg' })).toEqual({
      status: 403,
      body: { error_code: '403025', message: 'Profile is not valid' },
    })
  })

  it('refuses an unknown sandbox with 403 in the problem-details shape', async () => {
    const { status, body } = await call({ ...full(), 'x-sandbox-name': 'nope' })
    expect(status).toBe(403)
    expect(body).toMatchObject({ type: expect.stringContaining('SMS'), title: expect.any(String), status: 403 })
    expect(String(body.detail)).toContain("'nope'")
  })

  it('serves the default sandbox (prod) without a sandbox header', async () => {
    const prod = await call({ ...full(), 'x-sandbox-name': 'prod' })
    const none = await call(full())
    expect(none.body).toEqual(prod.body)
    const dev = await call({ ...full(), 'x-sandbox-name': 'dev' })
    expect(Object.keys(dev.body)).not.toEqual(Object.keys(prod.body))
  })

  it('answers 404 in the service shape for an unknown API path', async () => {
    const res = await fetch(`${sim.url}/data/foundation/nothing-here`, { headers: full() })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ status: 404, title: expect.any(String), detail: expect.any(String) })
  })
})
