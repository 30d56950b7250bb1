// Segmentation and Profile export jobs (aep-api.md §4): definitions, segment jobs, export jobs through to a
// batch that Catalog and Data Access serve like any other.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SegmentRecord } from '../model'
import type { Simulator } from './index'
import { callJson, getToken, platformHeaders, startSimulator } from './testkit'

type Json = Record<string, unknown>

let sim: Simulator
let token: string
let prodSegments: SegmentRecord[]

beforeAll(async () => {
  sim = await startSimulator()
  token = await getToken(sim.url)
  prodSegments = sim.world.segments.filter((s) => s.sandbox === 'prod')
})
afterAll(() => sim.close())

const ups = <T = Json>(path: string, init: { method?: string; body?: unknown; sandbox?: string } = {}) =>
  callJson<T>(sim.url, token, `/data/core/ups${path}`, init)

/** Polls until the job leaves the given states; returns every status seen, in order. */
async function pollUntilDone(path: string, done: string[], timeoutMs = 30_000): Promise<{ seen: string[]; last: Json }> {
  const seen: string[] = []
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { status, body } = await ups(path)
    expect(status).toBe(200)
    const s = String(body.status)
    if (seen[seen.length - 1] !== s) seen.push(s)
    if (done.includes(s)) return { seen, last: body }
    if (Date.now() > deadline) throw new Error(`job still ${s} after ${timeoutMs} ms`)
    await sleep(150)
  }
}

describe('segment definitions', () => {
  it('lists the sandbox segments with PQL expressions and a page block', async () => {
    const { status, body } = await ups<{ segments: Json[]; page: Json; link: Json }>('/segment/definitions')
    expect(status).toBe(200)
    expect(body.page).toMatchObject({ totalCount: prodSegments.length })
    expect(body.segments.map((s) => s.id).sort()).toEqual(prodSegments.map((s) => s.id).sort())
    expect(body.segments[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      description: expect.any(String),
      expression: { type: 'PQL', format: 'pql/text', value: expect.any(String) },
      schema: { name: '_xdm.context.profile' },
      mergePolicyId: expect.any(String),
      creationTime: expect.any(Number),
      updateTime: expect.any(Number),
    })
    const page = await ups<{ segments: Json[]; link: { next: string } }>('/segment/definitions?limit=2&start=0')
    expect(page.body.segments).toHaveLength(2)
    expect(page.body.link.next).toContain('start=2')
  })

  it('looks one up, and answers 404 for unknown ids or another sandbox', async () => {
    const s = prodSegments[0]
    expect((await ups(`/segment/definitions/${s?.id}`)).body).toMatchObject({ id: s?.id, name: s?.name })
    expect((await ups('/segment/definitions/nope')).status).toBe(404)
    const dev = sim.world.segments.find((x) => x.sandbox === 'dev')
    expect((await ups(`/segment/definitions/${dev?.id}`)).status).toBe(404)
    expect((await ups(`/segment/definitions/${dev?.id}`, { sandbox: 'dev' })).status).toBe(200)
  })
})

describe('segment jobs', () => {
  it('runs NEW -> QUEUED -> PROCESSING -> SUCCEEDED with metrics', async () => {
    const segment = prodSegments[0]
    const created = await ups('/segment/jobs', { method: 'POST', body: [{ segmentId: segment?.id }] })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'NEW',
      profileInstanceId: 'ups',
      segments: [{ segmentId: segment?.id, segment: { id: segment?.id, expression: { type: 'PQL', value: segment?.expression } } }],
      _links: { checkStatus: { method: 'GET' }, cancel: { method: 'DELETE' } },
    })
    const { seen, last } = await pollUntilDone(`/segment/jobs/${String(created.body.id)}`, ['SUCCEEDED'])
    expect(['NEW', 'QUEUED', 'PROCESSING', 'SUCCEEDED'].filter((s) => seen.includes(s))).toEqual(seen)
    expect(seen.length).toBeGreaterThanOrEqual(3)
    expect(last.metrics).toMatchObject({ totalTime: { totalTimeInMs: expect.any(Number) }, segmentedProfileCounter: { [segment?.id ?? '']: expect.any(Number) } })

    const list = await ups<{ _page: Json; children: Json[] }>('/segment/jobs?status=SUCCEEDED')
    expect(list.body.children.map((j) => j.id)).toContain(created.body.id)
  })

  it('cancels a running job and refuses unknown segments', async () => {
    const created = await ups('/segment/jobs', { method: 'POST', body: [{ segmentId: prodSegments[1]?.id }] })
    const del = await ups(`/segment/jobs/${String(created.body.id)}`, { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect((await ups(`/segment/jobs/${String(created.body.id)}`)).body.status).toBe('CANCELLED')
    expect((await ups('/segment/jobs', { method: 'POST', body: [{ segmentId: 'nope' }] })).status).toBe(400)
    expect((await ups('/segment/jobs', { method: 'POST', body: { segmentId: 'not-an-array' } })).status).toBe(400)
    expect((await ups('/segment/jobs/nope')).status).toBe(404)
  })
})

describe('export jobs', () => {
  async function createTarget(): Promise<string> {
    const res = await callJson<string[]>(sim.url, token, '/data/foundation/catalog/dataSets', {
      method: 'POST',
      body: {
        name: 'Segment Export',
        schemaRef: { id: 'https://ns.adobe.com/xdm/context/profile__union', contentType: 'application/vnd.adobe.xed+json;version=1' },
        fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
      },
    })
    expect(res.status).toBe(201)
    return (res.body[0] ?? '').split('/').pop() ?? ''
  }

  const exportBody = (segmentId: string, datasetId: string) => ({
    fields: 'identities.id,personalEmail.address',
    mergePolicy: { id: 'timestampOrdered-none-mp', version: 1 },
    filter: { segments: [{ segmentId, segmentNs: 'ups', status: ['realized'] }] },
    destination: { datasetId, segmentPerBatch: false },
    schema: { name: '_xdm.context.profile' },
  })

  it('moves NEW -> PROCESSING -> SUCCEEDED and writes a batch that can be listed and downloaded', async () => {
    const target = await createTarget()
    const segment = prodSegments.find((s) => !s.failsOnExport)
    const created = await ups('/export/jobs', { method: 'POST', body: exportBody(segment?.id ?? '', target) })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ id: expect.any(Number), jobType: 'BATCH', status: 'NEW', profileInstanceId: 'ups', computeGatewayJobId: {} })
    const batchId = (created.body.destination as Json).batchId
    expect(batchId).toMatch(/^[0-9a-f]{32}$/)

    const { seen, last } = await pollUntilDone(`/export/jobs/${String(created.body.id)}`, ['SUCCEEDED', 'FAILED'], 45_000)
    expect(seen).toEqual(['NEW', 'PROCESSING', 'SUCCEEDED'])
    expect(last).toMatchObject({
      destination: { datasetId: target, segmentPerBatch: false, batchId },
      metrics: { totalTime: { totalTimeInMs: expect.any(Number) }, profileExportTime: expect.any(Object), aCPDatasetWriteTime: expect.any(Object) },
      computeGatewayJobId: { exportJob: expect.any(String), pushJob: expect.any(String) },
    })

    const batch = await callJson<Record<string, Json>>(sim.url, token, `/data/foundation/catalog/batches/${String(batchId)}`)
    expect(batch.body[String(batchId)]).toMatchObject({ status: 'success', relatedObjects: [{ type: 'dataSet', id: target }, { type: 'batch', id: batchId }] })
    const byDataset = await callJson<Record<string, Json>>(sim.url, token, `/data/foundation/catalog/batches?dataSet=${target}`)
    expect(Object.keys(byDataset.body)).toEqual([batchId])

    const files = await callJson<{ data: { _links: { self: { href: string } } }[] }>(sim.url, token, `/data/foundation/export/batches/${String(batchId)}/files`)
    expect(files.body.data.length).toBe(1)
    const listing = await callJson<{ data: { name: string; length: string; _links: { self: { href: string } } }[] }>(
      sim.url,
      token,
      files.body.data[0]?._links.self.href ?? '',
    )
    const first = listing.body.data[0]
    expect(first?.name).toMatch(/\.parquet$/)
    const bytes = await fetch(first?._links.self.href ?? '', { headers: platformHeaders(token) })
    expect(bytes.status).toBe(200)
    const buf = Buffer.from(await bytes.arrayBuffer())
    expect(buf.length).toBe(Number(first?.length))
    expect(buf.subarray(0, 4).toString()).toBe('PAR1')
  })

  it('ends FAILED with code 0090000009 and an empty batchId for a failing segment', async () => {
    const target = await createTarget()
    const failing = prodSegments.find((s) => s.failsOnExport)
    const created = await ups('/export/jobs', { method: 'POST', body: exportBody(failing?.id ?? '', target) })
    const { last } = await pollUntilDone(`/export/jobs/${String(created.body.id)}`, ['SUCCEEDED', 'FAILED'])
    expect(last.status).toBe('FAILED')
    expect(last.errors).toEqual([{ code: '0090000009', msg: expect.any(String), callStack: expect.any(String) }])
    expect((last.destination as Json).batchId).toBe('')
  })

  it('lists jobs newest first with an opaque <createdMs>_<id> cursor', async () => {
    const target = await createTarget()
    const failing = prodSegments.find((s) => s.failsOnExport)
    const ids: number[] = []
    for (let i = 0; i < 3; i++) {
      ids.push(Number((await ups('/export/jobs', { method: 'POST', body: exportBody(failing?.id ?? '', target) })).body.id))
      await sleep(5)
    }
    const collected: number[] = []
    let path: string | undefined = '/export/jobs?limit=2'
    while (path) {
      const page: { body: { records: Json[]; page: Json; link: { next?: string } } } = await ups(path)
      expect(page.body.page).toMatchObject({ sortField: 'createdTime', sort: 'desc', pageSize: page.body.records.length })
      expect(String(page.body.page.pageOffset)).toMatch(/^\d+_\d+$/)
      collected.push(...page.body.records.map((r) => Number(r.id)))
      path = page.body.link.next?.replace(/^\/export\/jobs\/?/, '/export/jobs')
    }
    expect(collected).toEqual([...collected].sort((a, b) => b - a))
    for (const id of ids) expect(collected).toContain(id)
    expect((await ups('/export/jobs/999999')).status).toBe(404)
    const del = await ups(`/export/jobs/${ids[0]}`, { method: 'DELETE' })
    expect(del.body).toEqual({ status: true, message: 'Export job has been marked for cancelling' })
  })

  it('answers destination.batches, one batch per segment, with segmentPerBatch', async () => {
    const target = await createTarget()
    const segments = prodSegments.slice(0, 2)
    const body = { ...exportBody(segments[0]?.id ?? '', target), destination: { datasetId: target, segmentPerBatch: true } }
    body.filter.segments = segments.map((s) => ({ segmentId: s.id, segmentNs: 'ups', status: ['realized'] }))
    const created = await ups('/export/jobs', { method: 'POST', body })
    expect(created.status).toBe(200)
    const batches = (created.body.destination as { batches: Json[] }).batches
    expect(batches).toHaveLength(segments.length)
    expect(batches[0]).toMatchObject({ segmentId: segments[0]?.id, segmentNs: 'ups', status: ['realized'], batchId: expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(batches[0]?.batchId).not.toBe(batches[1]?.batchId)
    // Cancelled before it starts processing, so nothing is written.
    await ups(`/export/jobs/${String(created.body.id)}`, { method: 'DELETE' })
    expect((await ups(`/export/jobs/${String(created.body.id)}`)).body).toMatchObject({ status: 'FAILED', errors: [{ code: 'CANCELLED' }] })
  })

  it('validates the request', async () => {
    const target = await createTarget()
    const segment = prodSegments[0]?.id ?? ''
    expect((await ups('/export/jobs', { method: 'POST', body: { ...exportBody(segment, target), schema: undefined } })).status).toBe(400)
    expect((await ups('/export/jobs', { method: 'POST', body: exportBody(segment, '000000000000000000000000') })).status).toBe(400)
    expect((await ups('/export/jobs', { method: 'POST', body: exportBody('nope', target) })).status).toBe(400)
  })
})
