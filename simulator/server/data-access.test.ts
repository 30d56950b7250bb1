// Data Access contract: listings with _page/_links, bytes with single Range, HEAD (aep-api.md §2).
import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchRecord, FileGroupRecord, PartFileRecord } from '../model'
import type { Simulator } from './index'
import { DATA_DIR, callJson, getToken, platformHeaders, startSimulator } from './testkit'

interface Listing<T> {
  data: T[]
  _page: { limit: number; count: number }
  _links: { next?: { href: string }; page: { href: string; templated: boolean } }
}
interface BatchFile {
  dataSetFileId: string
  dataSetViewId: string
  version: string
  created: string
  updated: string
  isValid: boolean
  records?: string
  size?: string
  _links: { self: { href: string } }
}
interface DirEntry {
  name: string
  length: string
  _links: { self: { href: string } }
}

let sim: Simulator
let token: string
let batch: BatchRecord
let group: FileGroupRecord
let part: PartFileRecord
let bigGroup: FileGroupRecord

beforeAll(async () => {
  sim = await startSimulator()
  token = await getToken(sim.url)
  const found = sim.world.batches.find((b) => b.sandbox === 'prod' && b.status === 'success' && b.files.length > 0)
  if (!found?.files[0]?.parts[0]) throw new Error('no prod batch with files')
  batch = found
  group = found.files[0]
  part = found.files[0].parts[0]
  const big = sim.world.batches.flatMap((b) => (b.sandbox === 'dev' ? b.files : [])).find((g) => g.parts.length > 100)
  if (!big) throw new Error('no dev file group with more than 100 parts')
  bigGroup = big
})
afterAll(() => sim.close())

const bytesUrl = (g: FileGroupRecord, name: string) => `${sim.url}/data/foundation/export/files/${g.dataSetFileId}?path=${encodeURIComponent(name)}`
const fetchBytes = (url: string, init: RequestInit = {}, sandbox?: string) =>
  fetch(url, { ...init, headers: { ...platformHeaders(token, sandbox), ...(init.headers as Record<string, string>) } })
const diskBytes = async (p: PartFileRecord, start: number, end: number) => {
  const fh = await open(join(DATA_DIR, p.relPath))
  try {
    const buf = Buffer.alloc(end - start + 1)
    await fh.read(buf, 0, buf.length, start)
    return buf
  } finally {
    await fh.close()
  }
}

describe('GET /batches/{id}/files', () => {
  it('lists the batch file groups with string times and absolute self links', async () => {
    const { status, body } = await callJson<Listing<BatchFile>>(sim.url, token, `/data/foundation/export/batches/${batch.id}/files`)
    expect(status).toBe(200)
    expect(body._page).toEqual({ limit: 100, count: batch.files.length })
    expect(body._links.next).toBeUndefined()
    expect(body._links.page).toEqual({ href: expect.stringContaining(`${sim.url}/data/foundation/export/batches/${batch.id}/files?start=0&limit=100`), templated: true })
    const dataset = sim.world.datasets.find((d) => d.id === batch.datasetId)
    expect(body.data[0]).toEqual({
      dataSetFileId: group.dataSetFileId,
      dataSetViewId: dataset?.viewId,
      version: '1.0.0',
      created: String(group.created),
      updated: String(group.created),
      isValid: true,
      records: String(group.parts.reduce((n, p) => n + p.records, 0)),
      size: String(group.parts.reduce((n, p) => n + p.length, 0)),
      _links: { self: { href: `${sim.url}/data/foundation/export/files/${group.dataSetFileId}` } },
    })
  })

  it('pages with start and limit, and bounds limit to 1..100', async () => {
    const past = await callJson<Listing<BatchFile>>(sim.url, token, `/data/foundation/export/batches/${batch.id}/files?start=5&limit=1`)
    expect(past.body.data).toEqual([])
    expect(past.body._page).toEqual({ limit: 1, count: batch.files.length })
    for (const limit of ['0', '101']) {
      const { status, body } = await callJson<Record<string, unknown>>(sim.url, token, `/data/foundation/export/batches/${batch.id}/files?limit=${limit}`)
      expect(status).toBe(400)
      expect(String(body.detail)).toMatch(/between 1 and 100/)
    }
  })

  it('answers 404 for an unknown batch', async () => {
    const { status, body } = await callJson<Record<string, unknown>>(sim.url, token, '/data/foundation/export/batches/NOPE/files')
    expect(status).toBe(404)
    expect(body).toMatchObject({ status: 404, title: expect.any(String), detail: expect.any(String) })
  })
})

describe('GET /files/{dataSetFileId}', () => {
  it('lists the parts of a directory with string lengths and ?path= links', async () => {
    const { body } = await callJson<Listing<DirEntry>>(sim.url, token, `/data/foundation/export/files/${group.dataSetFileId}`)
    expect(body._page).toEqual({ limit: 100, count: group.parts.length })
    expect(body.data).toEqual(
      group.parts.map((p) => ({ name: p.name, length: String(p.length), _links: { self: { href: bytesUrl(group, p.name) } } })),
    )
  })

  it("follows _links.next to the end: the dev run's 120 parts come in two pages", async () => {
    const names: string[] = []
    let url: string | undefined = `${sim.url}/data/foundation/export/files/${bigGroup.dataSetFileId}`
    let pages = 0
    while (url) {
      const { status, body }: { status: number; body: Listing<DirEntry> } = await callJson<Listing<DirEntry>>(sim.url, token, url, { sandbox: 'dev' })
      expect(status).toBe(200)
      expect(body._page.count).toBe(bigGroup.parts.length)
      names.push(...body.data.map((d) => d.name))
      url = body._links.next?.href
      if (url) expect(url.startsWith(sim.url)).toBe(true)
      pages++
    }
    expect(pages).toBe(Math.ceil(bigGroup.parts.length / 100))
    expect(names).toEqual(bigGroup.parts.map((p) => p.name))
  })

  it('answers 404 for an unknown id, a file of another sandbox, or an unknown path', async () => {
    expect((await callJson(sim.url, token, '/data/foundation/export/files/NOPE-1')).status).toBe(404)
    expect((await callJson(sim.url, token, `/data/foundation/export/files/${bigGroup.dataSetFileId}`)).status).toBe(404)
    expect((await fetchBytes(bytesUrl(group, 'part-99999.parquet'))).status).toBe(404)
  })
})

describe('file bytes', () => {
  it('sends the whole file with Content-Length, parquet type, Accept-Ranges and ETag', async () => {
    const res = await fetchBytes(bytesUrl(group, part.name))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/parquet')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('content-length')).toBe(String(part.length))
    expect(res.headers.get('etag')).toMatch(/^".+"$/)
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.equals(await readFile(join(DATA_DIR, part.relPath)))).toBe(true)
    expect(body.subarray(0, 4).toString()).toBe('PAR1')
  })

  it('answers a single Range with 206, Content-Range and the same bytes as the file', async () => {
    const len = part.length
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      [`bytes=${len - 8}-`, len - 8, len - 1],
      ['bytes=-8', len - 8, len - 1],
      [`bytes=100-${len + 1000}`, 100, len - 1],
    ]
    for (const [range, start, end] of cases) {
      const res = await fetchBytes(bytesUrl(group, part.name), { headers: { Range: range } })
      expect(res.status, range).toBe(206)
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${len}`)
      expect(res.headers.get('content-length')).toBe(String(end - start + 1))
      expect(Buffer.from(await res.arrayBuffer()).equals(await diskBytes(part, start, end))).toBe(true)
    }
  })

  it('answers 416 with bytes */LEN for an unsatisfiable range', async () => {
    for (const range of [`bytes=${part.length}-`, 'bytes=-0']) {
      const res = await fetchBytes(bytesUrl(group, part.name), { headers: { Range: range } })
      expect(res.status, range).toBe(416)
      expect(res.headers.get('content-range')).toBe(`bytes */${part.length}`)
      await res.arrayBuffer()
    }
  })

  it('ignores several ranges or a malformed one and sends the whole file', async () => {
    for (const range of ['bytes=0-9,20-29', 'bytes=abc', 'items=0-9', 'bytes=9-0']) {
      const res = await fetchBytes(bytesUrl(group, part.name), { headers: { Range: range } })
      expect(res.status, range).toBe(200)
      expect((await res.arrayBuffer()).byteLength).toBe(part.length)
    }
  })

  it('answers HEAD with the headers and no body; HEAD without path is a 400', async () => {
    const res = await fetchBytes(bytesUrl(group, part.name), { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe(String(part.length))
    expect(res.headers.get('content-type')).toBe('application/parquet')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect((await res.arrayBuffer()).byteLength).toBe(0)
    const noPath = await fetchBytes(`${sim.url}/data/foundation/export/files/${group.dataSetFileId}`, { method: 'HEAD' })
    expect(noPath.status).toBe(400)
  })
})
