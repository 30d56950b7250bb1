// Fault injection (design.md, "Simulator faults, for tests") and the request log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FileGroupRecord, PartFileRecord } from '../model'
import type { Simulator } from './index'
import { callJson, getToken, platformHeaders, startSimulator } from './testkit'

let sim: Simulator
let token: string
let group: FileGroupRecord
let part: PartFileRecord

beforeAll(async () => {
  sim = await startSimulator()
  token = await getToken(sim.url)
  const found = sim.world.batches.find((b) => b.sandbox === 'prod' && b.files[0]?.parts[0])
  if (!found?.files[0]?.parts[0]) throw new Error('no prod batch with files')
  group = found.files[0]
  part = found.files[0].parts[0]
})
afterEach(async () => {
  await fetch(`${sim.url}/__simulator/faults`, { method: 'DELETE' })
})
afterAll(() => sim.close())

const setFaults = (rules: unknown) =>
  fetch(`${sim.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rules }) })
const fileUrl = () => `${sim.url}/data/foundation/export/files/${group.dataSetFileId}?path=${encodeURIComponent(part.name)}`

/** Reads a body chunk by chunk, returning the bytes received and the error that ended it, if any. */
async function drain(res: Response): Promise<{ bytes: number; error?: unknown }> {
  let bytes = 0
  const reader = res.body?.getReader()
  if (!reader) return { bytes }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { bytes }
      bytes += value.byteLength
    }
  } catch (error) {
    return { bytes, error }
  }
}

describe('rules', () => {
  it('validates rules with a message and replaces the whole set', async () => {
    for (const bad of [[{ kind: 'nope' }], [{ kind: 'status' }], [{ kind: 'latency', ms: 10, rate: 2 }], [{ kind: 'stall', afterBytes: -1 }], 'x']) {
      const res = await setFaults(bad)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toMatch(/Invalid fault rules/)
    }
    const ok = await setFaults([{ kind: 'status', status: 503, match: '/data' }])
    expect(await ok.json()).toEqual({ rules: [{ kind: 'status', status: 503, match: '/data', rate: 1 }] })
    await setFaults([{ kind: 'latency', ms: 1 }])
    expect(((await (await fetch(`${sim.url}/__simulator/faults`)).json()) as { rules: unknown[] }).rules).toHaveLength(1)
  })

  it('never applies to /__simulator routes', async () => {
    await setFaults([{ kind: 'status', status: 500 }])
    expect((await fetch(`${sim.url}/__simulator/health`)).status).toBe(200)
  })
})

describe('status', () => {
  it('answers 429 with Retry-After in the gateway shape, only under the matched prefix', async () => {
    await setFaults([{ kind: 'status', status: 429, retryAfter: 2, match: '/data/foundation/catalog' }])
    const hit = await callJson(sim.url, token, '/data/foundation/catalog/dataSets')
    expect(hit.status).toBe(429)
    expect(hit.headers.get('retry-after')).toBe('2')
    expect(hit.body).toEqual({ error_code: '429050', message: 'Too many requests' })
    expect((await callJson(sim.url, token, '/data/foundation/sandbox-management/sandboxes')).status).toBe(200)
  })

  it('answers 5xx in the service shape on /data and the OAuth shape on /ims', async () => {
    await setFaults([{ kind: 'status', status: 503 }])
    const data = await callJson(sim.url, token, '/data/foundation/catalog/batches')
    expect(data.status).toBe(503)
    expect(data.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 503 })
    const ims = await fetch(`${sim.url}/ims/token/v3`, { method: 'POST' })
    expect(ims.status).toBe(503)
    expect(await ims.json()).toMatchObject({ error: 'server_error' })
  })

  it('hits about `rate` of the matching requests', async () => {
    await setFaults([{ kind: 'status', status: 500, rate: 0.5, match: '/data' }])
    let failures = 0
    for (let i = 0; i < 40; i++) if ((await callJson(sim.url, token, '/data/foundation/catalog/dataSets?limit=1')).status === 500) failures++
    expect(failures).toBeGreaterThan(5)
    expect(failures).toBeLessThan(35)
    await setFaults([{ kind: 'status', status: 500, rate: 0 }])
    expect((await callJson(sim.url, token, '/data/foundation/catalog/dataSets?limit=1')).status).toBe(200)
  })
})

describe('latency', () => {
  it('waits before answering', async () => {
    await setFaults([{ kind: 'latency', ms: 400, match: '/data/foundation/catalog' }])
    const t0 = performance.now()
    expect((await callJson(sim.url, token, '/data/foundation/catalog/dataSets?limit=1')).status).toBe(200)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390)
  })
})

describe('stall', () => {
  it('sends headers and afterBytes of the body, then nothing: the client times out', async () => {
    await setFaults([{ kind: 'stall', afterBytes: 100, match: '/data/foundation/export/files' }])
    const res = await fetch(fileUrl(), { headers: platformHeaders(token), signal: AbortSignal.timeout(1500) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe(String(part.length))
    const t0 = performance.now()
    const { bytes, error } = await drain(res)
    expect(bytes).toBe(100)
    expect((error as Error).name).toBe('TimeoutError')
    expect(performance.now() - t0).toBeGreaterThan(500)

    const log = (await (await fetch(`${sim.url}/__simulator/requests`)).json()) as { requests: { path: string; status: number }[] }
    expect(log.requests.find((r) => r.path.startsWith('/data/foundation/export/files'))?.status).toBe(200)
  })

  it('does not hold close() open: a closed simulator ends stalled responses', async () => {
    const other = await startSimulator()
    await fetch(`${other.url}/__simulator/faults`, { method: 'POST', body: JSON.stringify({ rules: [{ kind: 'stall', afterBytes: 10 }] }) })
    const res = await fetch(`${other.url}/ims/token/v3`, { method: 'POST' })
    const reading = drain(res)
    const t0 = performance.now()
    await other.close()
    expect(performance.now() - t0).toBeLessThan(2000)
    const { bytes, error } = await reading
    expect(bytes).toBe(10)
    expect(error).toBeDefined()
  })

  it('stalls JSON answers too, with afterBytes 0', async () => {
    await setFaults([{ kind: 'stall', afterBytes: 0, match: '/data/foundation/catalog' }])
    const res = await fetch(`${sim.url}/data/foundation/catalog/dataSets`, { headers: platformHeaders(token), signal: AbortSignal.timeout(800) })
    expect(res.status).toBe(200)
    const { bytes, error } = await drain(res)
    expect(bytes).toBe(0)
    expect((error as Error).name).toBe('TimeoutError')
  })
})

describe('truncate', () => {
  it('cuts the connection after afterBytes while Content-Length announces the full size', async () => {
    await setFaults([{ kind: 'truncate', afterBytes: 1000, match: '/data/foundation/export/files' }])
    const res = await fetch(fileUrl(), { headers: platformHeaders(token) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe(String(part.length))
    const { bytes, error } = await drain(res)
    expect(bytes).toBeLessThan(part.length)
    expect(bytes).toBeLessThanOrEqual(1000)
    expect(error).toBeInstanceOf(Error)
    await expect(fetch(fileUrl(), { headers: platformHeaders(token) }).then((r) => r.arrayBuffer())).rejects.toThrow()
  })

  it('applies to Range answers as well', async () => {
    await setFaults([{ kind: 'truncate', afterBytes: 10, match: '/data/foundation/export/files' }])
    const res = await fetch(fileUrl(), { headers: { ...platformHeaders(token), Range: 'bytes=0-99' } })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-length')).toBe('100')
    const { bytes, error } = await drain(res)
    expect(bytes).toBeLessThanOrEqual(10)
    expect(error).toBeDefined()
  })
})

describe('token-ttl', () => {
  it('shortens the lifetime of new tokens, after which the gateway answers 401013', async () => {
    await setFaults([{ kind: 'token-ttl', seconds: 1 }])
    const res = await fetch(`${sim.url}/ims/token/v3`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=score-explorer-demo&client_secret=demo-secret&grant_type=client_credentials&scope=openid',
    })
    const body = (await res.json()) as { access_token: string; expires_in: number }
    expect(body.expires_in).toBe(1)
    expect((await callJson(sim.url, body.access_token, '/data/foundation/catalog/dataSets?limit=1')).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1100))
    const expired = await callJson(sim.url, body.access_token, '/data/foundation/catalog/dataSets?limit=1')
    expect(expired).toMatchObject({ status: 401, body: { error_code: '401013', message: 'Oauth token is not valid' } })
  })
})

describe('request log', () => {
  it('records every non-simulator request with lower-cased headers until cleared', async () => {
    await fetch(`${sim.url}/__simulator/requests`, { method: 'DELETE' })
    await callJson(sim.url, token, '/data/foundation/catalog/dataSets?limit=2', { sandbox: 'dev' })
    await fetch(`${sim.url}/__simulator/health`)
    const { requests } = (await (await fetch(`${sim.url}/__simulator/requests`)).json()) as {
      requests: { seq: number; method: string; path: string; status: number; headers: Record<string, string>; at: number }[]
    }
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({
      seq: expect.any(Number),
      method: 'GET',
      path: '/data/foundation/catalog/dataSets?limit=2',
      status: 200,
      at: expect.any(Number),
      headers: { 'x-sandbox-name': 'dev', 'x-api-key': 'score-explorer-demo', authorization: `Bearer ${token}` },
    })
    await fetch(`${sim.url}/__simulator/requests`, { method: 'DELETE' })
    expect(((await (await fetch(`${sim.url}/__simulator/requests`)).json()) as { requests: unknown[] }).requests).toEqual([])
  })
})
