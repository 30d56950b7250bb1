// Catalog contract: ID-keyed maps, paging, orderBy, properties and filters (aep-api.md §1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchRecord } from '../model'
import type { Simulator } from './index'
import { callJson, getToken, startSimulator } from './testkit'

type Wire = Record<string, unknown>
type IdMap = Record<string, Wire>

let sim: Simulator
let token: string
let prodBatches: BatchRecord[]

beforeAll(async () => {
  sim = await startSimulator()
  token = await getToken(sim.url)
  prodBatches = sim.world.batches.filter((b) => b.sandbox === 'prod')
})
afterAll(() => sim.close())

const get = (path: string, sandbox?: string) => callJson<IdMap>(sim.url, token, `/data/foundation/catalog${path}`, { sandbox })

describe('paging', () => {
  it('pages through every batch with start and limit, then answers {}', async () => {
    const seen: string[] = []
    for (let start = 0; ; start += 5) {
      const { status, body } = await get(`/batches?start=${start}&limit=5&orderBy=asc:created`)
      expect(status).toBe(200)
      const ids = Object.keys(body)
      if (ids.length === 0) break
      expect(ids.length).toBeLessThanOrEqual(5)
      seen.push(...ids)
    }
    expect(seen).toHaveLength(prodBatches.length)
    expect(new Set(seen).size).toBe(prodBatches.length)
    expect((await get(`/batches?start=${prodBatches.length}`)).body).toEqual({})
  })

  it('holds at most 20 objects without limit, even with start', async () => {
    expect(Object.keys((await get('/batches')).body).length).toBe(Math.min(20, prodBatches.length))
    expect(Object.keys((await get('/batches?start=1')).body).length).toBe(Math.min(20, prodBatches.length - 1))
  })

  it('refuses limit 0, 101 and non-numbers with a 400 stating the range', async () => {
    for (const limit of ['0', '101', 'ten', '-1']) {
      const { status, body } = await get(`/dataSets?limit=${limit}`)
      expect(status, limit).toBe(400)
      expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400 })
      expect(String(body.detail)).toMatch(/between 1 and 100/)
    }
    expect((await get('/batches?limit=100')).status).toBe(200)
    expect((await get('/batches?limit=1')).status).toBe(200)
  })
})

describe('orderBy', () => {
  const createdOf = (body: IdMap) => Object.values(body).map((b) => b.created as number)

  it('sorts ascending and descending, and accepts the old sort= name and a bare key', async () => {
    const asc = createdOf((await get('/batches?orderBy=asc:created&limit=100')).body)
    const desc = createdOf((await get('/batches?orderBy=desc:created&limit=100')).body)
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
    expect(desc).toEqual([...asc].reverse())
    expect(createdOf((await get('/batches?sort=desc:created&limit=100')).body)).toEqual(desc)
    expect(createdOf((await get('/batches?orderBy=created&limit=100')).body)).toEqual(asc)
  })

  it('sorts by several keys', async () => {
    const rows = Object.values((await get('/batches?orderBy=status,desc:created&limit=100')).body)
    const statuses = rows.map((r) => String(r.status))
    expect(statuses).toEqual([...statuses].sort())
    for (let i = 1; i < rows.length; i++) {
      const [prev, cur] = [rows[i - 1] as Wire, rows[i] as Wire]
      if (prev.status === cur.status) expect(prev.created as number).toBeGreaterThanOrEqual(cur.created as number)
    }
  })

  it('refuses an unknown direction', async () => {
    expect((await get('/batches?orderBy=up:created')).status).toBe(400)
  })
})

describe('properties', () => {
  it('returns only the listed top-level properties', async () => {
    const { body } = await get('/dataSets?properties=name,schemaRef')
    expect(Object.keys(body).length).toBeGreaterThan(0)
    for (const d of Object.values(body)) expect(Object.keys(d).sort()).toEqual(['name', 'schemaRef'])
  })

  it('answers {} for objects that have none of them', async () => {
    const { body } = await get('/dataSets?properties=noSuchProperty')
    expect(Object.values(body).every((d) => Object.keys(d).length === 0)).toBe(true)
  })
})

describe('filters', () => {
  it('simple filters: value, !value, v1,v2 and !v1,v2', async () => {
    const statuses = async (q: string) => Object.values((await get(`/batches?limit=100&${q}`)).body).map((b) => b.status)
    expect(new Set(await statuses('status=success'))).toEqual(new Set(['success']))
    expect(await statuses('status=!success')).not.toContain('success')
    expect(new Set(await statuses('status=failure,processing'))).toEqual(
      new Set(prodBatches.filter((b) => b.status === 'failure' || b.status === 'processing').map((b) => b.status)),
    )
    const neither = await statuses('status=!success,failure')
    expect(neither.length).toBe(prodBatches.filter((b) => b.status !== 'success' && b.status !== 'failure').length)
  })

  it('filters batches by dataSet, createdClient and id', async () => {
    const ds = prodBatches[0]?.datasetId ?? ''
    const { body } = await get(`/batches?limit=100&dataSet=${ds}`)
    expect(Object.keys(body).sort()).toEqual(prodBatches.filter((b) => b.datasetId === ds).map((b) => b.id).sort())
    const [a, b] = prodBatches
    expect(Object.keys((await get(`/batches?id=${a?.id},${b?.id}`)).body).sort()).toEqual([a?.id, b?.id].sort())
    expect(Object.keys((await get('/batches?limit=100&createdClient=acp_foundation_push')).body).length).toBe(
      prodBatches.filter((x) => x.createdClient === 'acp_foundation_push').length,
    )
  })

  it('name wildcards: * matches anything, ** is a literal star', async () => {
    const names = async (q: string, sandbox?: string) => Object.values((await get(`/dataSets?${q}`, sandbox)).body).map((d) => d.name)
    const cai = sim.world.datasets.filter((d) => d.sandbox === 'prod' && d.name.startsWith('Customer AI Scores - '))
    expect((await names('name=Customer AI Scores - *')).sort()).toEqual(cai.map((d) => d.name).sort())
    expect(await names(`name=${encodeURIComponent(cai[0]?.name ?? '')}`)).toEqual([cai[0]?.name])

    const created = await callJson(sim.url, token, '/data/foundation/catalog/dataSets', {
      method: 'POST',
      sandbox: 'dev',
      body: { name: 'Star*Dataset', schemaRef: { id: 'https://ns.adobe.com/xdm/context/profile__union', contentType: 'application/vnd.adobe.xed+json;version=1' } },
    })
    expect(created.status).toBe(201)
    expect(await names(`name=${encodeURIComponent('Star**Dataset')}`, 'dev')).toEqual(['Star*Dataset'])
    expect(await names(`name=${encodeURIComponent('Star**')}`, 'dev')).toEqual([])
    expect(await names(`name=${encodeURIComponent('Star*')}`, 'dev')).toEqual(['Star*Dataset'])
  })

  it('property expressions: regex, existence, comparisons, ANDed', async () => {
    const { body } = await get(`/dataSets?property=${encodeURIComponent('name~^Customer AI Scores')}`)
    const cai = sim.world.datasets.filter((d) => d.sandbox === 'prod' && d.name.startsWith('Customer AI Scores'))
    expect(Object.keys(body).sort()).toEqual(cai.map((d) => d.id).sort())

    const withSuccess = Object.keys((await get('/dataSets?property=lastSuccessfulBatch')).body)
    const withoutSuccess = Object.keys((await get(`/dataSets?property=${encodeURIComponent('!lastSuccessfulBatch')}`)).body)
    expect(withSuccess.length + withoutSuccess.length).toBe(sim.world.datasets.filter((d) => d.sandbox === 'prod').length)
    expect(withSuccess.filter((id) => withoutSuccess.includes(id))).toEqual([])

    const sorted = prodBatches.map((b) => b.created).sort((a, b) => a - b)
    const mid = sorted[Math.floor(sorted.length / 2)] ?? 0
    const count = async (expr: string) => Object.keys((await get(`/batches?limit=100&property=${encodeURIComponent(expr)}`)).body).length
    expect(await count(`created<${mid}`)).toBe(sorted.filter((t) => t < mid).length)
    expect(await count(`created<=${mid}`)).toBe(sorted.filter((t) => t <= mid).length)
    expect(await count(`created>${mid}`)).toBe(sorted.filter((t) => t > mid).length)
    expect(await count(`created>=${mid}`)).toBe(sorted.filter((t) => t >= mid).length)
    expect(await count('status==success')).toBe(prodBatches.filter((b) => b.status === 'success').length)
    expect(await count('status!=success')).toBe(prodBatches.filter((b) => b.status !== 'success').length)

    const both = await get(`/batches?limit=100&property=${encodeURIComponent('status==success')}&property=${encodeURIComponent(`created>${mid}`)}`)
    expect(Object.keys(both.body).length).toBe(prodBatches.filter((b) => b.status === 'success' && b.created > mid).length)
    expect((await get('/batches?property=%3D%3Dbroken')).status).toBe(400)
  })

  it('createdAfter and createdBefore are exclusive bounds', async () => {
    const sorted = prodBatches.map((b) => b.created).sort((a, b) => a - b)
    const [lo, hi] = [sorted[2] ?? 0, sorted[sorted.length - 3] ?? 0]
    const { body } = await get(`/batches?limit=100&createdAfter=${lo}&createdBefore=${hi}`)
    expect(Object.keys(body).length).toBe(sorted.filter((t) => t > lo && t < hi).length)
  })

  it("answers the guide's latest-successful-batch query", async () => {
    const ds = sim.world.datasets.find((d) => d.sandbox === 'prod' && d.instance) ?? sim.world.datasets[0]
    const { body } = await get(`/batches?dataSet=${ds?.id}&createdClient=acp_foundation_push&status=success&orderBy=desc:created&limit=1`)
    const expected = prodBatches
      .filter((b) => b.datasetId === ds?.id && b.status === 'success' && b.createdClient === 'acp_foundation_push')
      .sort((a, b) => b.created - a.created)[0]
    expect(Object.keys(body)).toEqual([expected?.id])
  })
})

describe('objects', () => {
  it('looks up a dataset by id, still keyed by id, in the §1.6 shape', async () => {
    const ds = sim.world.datasets.find((d) => d.sandbox === 'prod' && d.instance)
    const { status, body, headers } = await get(`/dataSets/${ds?.id}`)
    expect(status).toBe(200)
    expect(headers.get('e-tag')).toBeTruthy()
    const d = body[ds?.id ?? ''] as Wire
    expect(d).toMatchObject({
      name: ds?.name,
      description: expect.any(String),
      imsOrg: sim.world.orgId,
      created: expect.any(Number),
      updated: expect.any(Number),
      createdClient: expect.any(String),
      createdUser: expect.any(String),
      updatedUser: expect.any(String),
      version: expect.any(String),
      viewId: ds?.viewId,
      schemaRef: { id: expect.any(String), contentType: expect.any(String) },
      tags: expect.any(Object),
      files: `@/dataSets/${ds?.id}/views/${ds?.viewId}/files`,
      lastBatchId: expect.any(String),
      lastBatchStatus: expect.any(String),
    })
    const files = await get(String(d.files).slice(1))
    expect(files.status).toBe(200)
    expect(Object.keys(files.body).length).toBeGreaterThan(0)
  })

  it('looks up a batch in the download-scores shape with dataSet and batch relatedObjects', async () => {
    const b = prodBatches.find((x) => x.status === 'success' && x.replay)
    const { body } = await get(`/batches/${b?.id}`)
    expect(Object.keys(body)).toEqual([b?.id])
    expect(body[b?.id ?? '']).toMatchObject({
      id: b?.id,
      externalId: expect.any(String),
      status: 'success',
      relatedObjects: [
        { type: 'dataSet', id: b?.datasetId },
        { type: 'batch', id: b?.id },
      ],
      replay: { predecessors: expect.any(Array), reason: expect.stringMatching(/^Replacing for \d{4}-\d{2}-\d{2}$/), predecessorListingType: 'IMMEDIATE' },
      inputFormat: { format: 'parquet' },
      imsOrg: sim.world.orgId,
      metrics: expect.any(Object),
      errors: [],
      created: expect.any(Number),
      createdClient: 'acp_foundation_push',
      version: expect.any(String),
      tags: expect.any(Object),
    })
  })

  it('answers 404 service errors for unknown ids and for other sandboxes', async () => {
    for (const path of ['/dataSets/000000000000000000000000', '/batches/NOPE']) {
      const { status, body } = await get(path)
      expect(status).toBe(404)
      expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 404, detail: expect.any(String) })
    }
    const devBatch = sim.world.batches.find((b) => b.sandbox === 'dev')
    expect((await get(`/batches/${devBatch?.id}`)).status).toBe(404)
    expect((await get(`/batches/${devBatch?.id}`, 'dev')).status).toBe(200)
  })
})

describe('POST /dataSets', () => {
  const body = {
    name: 'Segment Export',
    schemaRef: { id: 'https://ns.adobe.com/xdm/context/profile__union', contentType: 'application/vnd.adobe.xed+json;version=1' },
    fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
  }

  it('creates a dataset: 201, Location and ["@/dataSets/{id}"], then lists it in its sandbox only', async () => {
    const res = await callJson<string[]>(sim.url, token, '/data/foundation/catalog/dataSets', { method: 'POST', body })
    expect(res.status).toBe(201)
    expect(res.body).toEqual([expect.stringMatching(/^@\/dataSets\/[0-9a-f]{24}$/)])
    const id = (res.body[0] ?? '').split('/').pop() ?? ''
    expect(res.headers.get('location')).toBe(`${sim.url}/data/foundation/catalog/dataSets/${id}`)
    expect((await get(`/dataSets/${id}`)).body[id]).toMatchObject({ name: 'Segment Export', schemaRef: body.schemaRef })
    expect(Object.keys((await get('/dataSets?limit=100')).body)).toContain(id)
    expect((await get(`/dataSets/${id}`, 'dev')).status).toBe(404)
  })

  it('checks the Content-Type and the body', async () => {
    const wrongType = await fetch(`${sim.url}/data/foundation/catalog/dataSets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'x-api-key': 'score-explorer-demo', 'x-gw-ims-org-id': sim.world.orgId, 'Content-Type': 'text/plain' },
      body: JSON.stringify(body),
    })
    expect(wrongType.status).toBe(400)
    expect(await wrongType.json()).toMatchObject({ status: 400, detail: 'A valid content-type must be specified' })
    const noName = await callJson<Wire>(sim.url, token, '/data/foundation/catalog/dataSets', { method: 'POST', body: { schemaRef: body.schemaRef } })
    expect(noName.status).toBe(400)
    expect(String(noName.body.detail)).toContain('name')
  })
})
