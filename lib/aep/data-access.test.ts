import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { RangeNotSatisfiableError } from './range-error'
import { body, bytes, drain, json, status, testClient } from './testing/fake-adobe'

// Data Access: listings followed through `_links.next` (each href checked before any request), part listings in
// both documented forms, and file bytes with Range, allow-listed headers and the right size.

const base = 'https://platform.adobe.io:443/data/foundation/export'
const batchId = '8dcedb36-1cb2-4496-9a38-7b2041114b56'
const fileId = `${batchId}-1`
const partName = (n: number) => `part-0000${n}-tid-7597930103898538622-a25f1890-efa9-40eb-a2cb-1b378e93d582-528-1-c000.snappy.parquet`

function batchFilesPage(start: number, count: number, total: number) {
  return {
    data: Array.from({ length: count }, (_, i) => ({
      dataSetFileId: `${batchId}-${start + i + 1}`,
      dataSetViewId: '5cc6a9b60d4a5914b7940a7f',
      version: '1.0.0',
      created: '1558522305708',
      updated: '1558522305708',
      isValid: false,
      _links: { self: { href: `${base}/files/${batchId}-${start + i + 1}` } },
    })),
    _page: { limit: count, count: total },
    _links: start + count < total ? { next: { href: `${base}/batches/${batchId}/files?start=${start + count}&limit=${count}` } } : {},
  }
}

const partsPage = (names: string[], next?: string) => ({
  data: names.map((name) => ({ name, length: '16214531', _links: { self: { href: `${base}/files/${fileId}?path=${name}` } } })),
  _page: { limit: 100, count: names.length },
  _links: next ? { next: { href: next } } : {},
})

describe('dataAccess.listBatchFiles', () => {
  it('follows _links.next across every page, one request per page', async () => {
    const { client, adobe } = testClient({ platform: [() => json(batchFilesPage(0, 2, 5)), () => json(batchFilesPage(2, 2, 5)), () => json(batchFilesPage(4, 1, 5))] })
    const files = await client.dataAccess.listBatchFiles('prod', batchId)
    expect(files.map((file) => file.dataSetFileId)).toEqual([1, 2, 3, 4, 5].map((n) => `${batchId}-${n}`))
    expect(files[0]).toEqual({ dataSetFileId: `${batchId}-1`, created: 1558522305708, records: undefined, size: undefined })
    expect(adobe.platformCalls).toHaveLength(3)
    expect(adobe.platformCalls.map((call) => call.url.search)).toEqual(['', '?start=2&limit=2', '?start=4&limit=2'])
    expect(adobe.platformCalls.every((call) => call.headers.get('x-sandbox-name') === 'prod')).toBe(true)
  })

  it('refuses an off-origin next link and sends nothing to it', async () => {
    const evil = { ...batchFilesPage(0, 1, 2), _links: { next: { href: 'https://platform.adobe.io@evil.example/data/foundation/export/batches/x/files?start=1' } } }
    const { client, adobe } = testClient({ platform: [() => json(evil), () => json(batchFilesPage(1, 1, 2))] })
    const error = await client.dataAccess.listBatchFiles('prod', batchId).catch((reason: unknown) => reason)
    expect(AppError.is(error) && error.code).toBe('upstream:aep')
    expect(AppError.is(error) && error.message).toBe('Adobe returned a link outside the platform; not followed.')
    expect(adobe.platformCalls).toHaveLength(1)
    expect(adobe.platformCalls.every((call) => call.url.host === 'platform.adobe.io')).toBe(true)
  })

  it('refuses a next link outside the Data Access path', async () => {
    const sideways = { ...batchFilesPage(0, 1, 2), _links: { next: { href: 'https://platform.adobe.io/data/foundation/catalog/batches' } } }
    const { client, adobe } = testClient({ platform: [() => json(sideways), () => json({})] })
    await expect(client.dataAccess.listBatchFiles('prod', batchId)).rejects.toMatchObject({ code: 'upstream:aep' })
    expect(adobe.platformCalls).toHaveLength(1)
  })

  it('stops a next link that points back at a page already read', async () => {
    const loop = { ...batchFilesPage(0, 1, 2), _links: { next: { href: `${base}/batches/${batchId}/files?start=1` } } }
    const { client, adobe } = testClient({ platform: () => json(loop) })
    await expect(client.dataAccess.listBatchFiles('prod', batchId)).rejects.toMatchObject({ code: 'upstream:aep' })
    expect(adobe.platformCalls).toHaveLength(2)
  })

  it('an unknown batch is not_found:aep naming the batch', async () => {
    const { client } = testClient({ platform: [() => status(404)] })
    await expect(client.dataAccess.listBatchFiles('dev', batchId)).rejects.toMatchObject({ code: 'not_found:aep', message: 'That batch does not exist in sandbox dev.' })
  })
})

describe('dataAccess.listFileParts', () => {
  it('Case 1: lists parts with numeric sizes across every page', async () => {
    const { client, adobe } = testClient({
      platform: [() => json(partsPage([partName(0), partName(1)], `${base}/files/${fileId}?start=${partName(1)}`)), () => json(partsPage([partName(2)]))],
    })
    const parts = await client.dataAccess.listFileParts('prod', fileId)
    expect(parts).toEqual([0, 1, 2].map((n) => ({ dataSetFileId: fileId, name: partName(n), size: 16214531 })))
    expect(adobe.platformCalls).toHaveLength(2)
  })

  it('Case 2: a directory of further dataSetFiles is followed one level, by id', async () => {
    const nested = { data: [{ dataSetFileId: `${batchId}-2`, created: '1', _links: { self: { href: `${base}/files/${batchId}-2` } } }], _page: { count: 1 } }
    const { client, adobe } = testClient({ platform: [() => json(nested), () => json(partsPage([partName(0)]))] })
    expect(await client.dataAccess.listFileParts('prod', fileId)).toEqual([{ dataSetFileId: `${batchId}-2`, name: partName(0), size: 16214531 }])
    expect(adobe.platformCalls.map((call) => call.url.pathname)).toEqual([
      `/data/foundation/export/files/${fileId}`,
      `/data/foundation/export/files/${batchId}-2`,
    ])
  })
})

describe('dataAccess.headFile / openFile', () => {
  const ok = (init: ResponseInit) => new Response(body([bytes(100)], 'end'), init)

  it('headFile reads size, type and ETag from a HEAD', async () => {
    const { client, adobe } = testClient({ platform: [() => new Response(null, { headers: { 'content-length': '249058', 'content-type': 'application/parquet', etag: '"e1"', 'accept-ranges': 'bytes' } })] })
    expect(await client.dataAccess.headFile('prod', fileId, 'profiles.parquet')).toEqual({ size: 249058, contentType: 'application/parquet', etag: '"e1"' })
    expect(adobe.platformCalls[0]?.method).toBe('HEAD')
    expect(adobe.platformCalls[0]?.url.searchParams.get('path')).toBe('profiles.parquet')
  })

  it('forwards Range and If-Range, returns 206 with the Content-Range total as size, headers from the allow-list only', async () => {
    const { client, adobe } = testClient({
      platform: [
        () =>
          ok({
            status: 206,
            headers: {
              'content-type': 'application/parquet',
              'content-range': 'bytes 0-99/249058',
              'content-length': '100',
              'accept-ranges': 'bytes',
              etag: '"e1"',
              'last-modified': 'Wed, 21 Oct 2025 07:28:00 GMT',
              'set-cookie': 'session=adobe; Path=/',
              'x-request-id': 'internal',
            },
          }),
      ],
    })
    const opened = await client.dataAccess.openFile('prod', fileId, partName(0), { range: 'bytes=0-99', ifRange: '"e1"' })
    expect(opened.status).toBe(206)
    expect(opened.size).toBe(249058)
    expect(opened.headers).toEqual({
      contentType: 'application/parquet',
      contentRange: 'bytes 0-99/249058',
      acceptRanges: 'bytes',
      etag: '"e1"',
      lastModified: 'Wed, 21 Oct 2025 07:28:00 GMT',
      contentLength: '100',
    })
    expect(await drain(opened.body)).toBe(100)
    const call = adobe.platformCalls[0]
    expect(call?.headers.get('range')).toBe('bytes=0-99')
    expect(call?.headers.get('if-range')).toBe('"e1"')
    expect(call?.url.searchParams.get('path')).toBe(partName(0))
  })

  it('passes a 200 through as 200 (never rewritten to 206), size from Content-Length', async () => {
    const { client } = testClient({ platform: [() => ok({ status: 200, headers: { 'content-length': '100' } })] })
    const opened = await client.dataAccess.openFile('prod', fileId, partName(0), { range: 'bytes=0-9' })
    expect(opened.status).toBe(200)
    expect(opened.size).toBe(100)
    expect(opened.headers.contentType).toBe('application/octet-stream')
  })

  it('416 → range_not_satisfiable:file carrying the size', async () => {
    const { client } = testClient({ platform: [() => new Response(null, { status: 416, headers: { 'content-range': 'bytes */249058' } })] })
    const error = await client.dataAccess.openFile('prod', fileId, partName(0), { range: 'bytes=999999-' }).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(RangeNotSatisfiableError)
    expect(error).toMatchObject({ code: 'range_not_satisfiable:file', size: 249058 })
  })

  it('404 → not_found:file', async () => {
    const { client } = testClient({ platform: [() => status(404)] })
    await expect(client.dataAccess.openFile('dev', fileId, partName(0))).rejects.toMatchObject({ code: 'not_found:file', message: 'That file does not exist in sandbox dev.' })
  })

  it.each(['', '../secret', 'a/../../b', 'a\\b', 'a\nb'])('refuses the path %j before any request', async (path) => {
    const { client, adobe } = testClient({ platform: [] })
    await expect(client.dataAccess.openFile('prod', fileId, path)).rejects.toMatchObject({ code: 'bad_request:file' })
    expect(adobe.platformCalls).toHaveLength(0)
  })
})
