// Data Access API, `/data/foundation/export` (aep-api.md §2): batch file listings, file-directory listings
// and file bytes with Range. Every href is absolute on the origin the client used.
import { isAbsolute, relative, resolve } from 'node:path'
import type { FileGroupRecord } from '../model'
import type { ApiContext } from './context'
import { badRequest, notFound } from './errors'
import { sendFile } from './file-bytes'
import { sendJson } from './respond'
import { Router } from './router'

export const EXPORT_BASE = '/data/foundation/export'
/** Default and maximum page size of Data Access listings. */
const PAGE_MAX = 100

export function dataAccessRouter(): Router<ApiContext> {
  return new Router<ApiContext>('DAS')
    .get('/batches/:id/files', (ctx, { id = '' }) => {
      const sandbox = ctx.caller.sandbox.name
      const batch = ctx.state.batch(sandbox, id)
      if (!batch) throw notFound('DAS', `Batch '${id}' was not found.`)
      const dataset = ctx.state.dataset(sandbox, batch.datasetId)
      const { start, limit } = paging(ctx.url.searchParams, undefined)
      const self = `${ctx.origin}${EXPORT_BASE}/batches/${encodeURIComponent(id)}/files`
      const data = batch.files.slice(start, start + limit).map((g) => batchFileItem(ctx, g, dataset?.viewId ?? ''))
      sendJson(ctx.res, 200, listing(data, self, start, limit, batch.files.length))
    })
    .get('/batches/:id/failed', (ctx, { id = '' }) => {
      // Customer AI batches have no failed-row files; the listing is empty but well formed.
      if (!ctx.state.batch(ctx.caller.sandbox.name, id)) throw notFound('DAS', `Batch '${id}' was not found.`)
      const { start, limit } = paging(ctx.url.searchParams, undefined)
      sendJson(ctx.res, 200, listing([], `${ctx.origin}${EXPORT_BASE}/batches/${encodeURIComponent(id)}/failed`, start, limit, 0))
    })
    .on('HEAD', '/files/:id', async (ctx, { id = '' }) => {
      const path = ctx.url.searchParams.get('path')
      if (!path) throw badRequest('DAS', 'HEAD /files/{dataSetFileId} requires the path query parameter.')
      await sendPart(ctx, id, path)
    })
    .get('/files/:id', async (ctx, { id = '' }) => {
      const path = ctx.url.searchParams.get('path')
      if (path) return sendPart(ctx, id, path)
      const group = findGroup(ctx, id)
      const { start, limit } = paging(ctx.url.searchParams, group)
      const self = `${ctx.origin}${EXPORT_BASE}/files/${encodeURIComponent(id)}`
      const data = group.parts.slice(start, start + limit).map((p) => ({
        name: p.name,
        length: String(p.length),
        _links: { self: { href: `${self}?path=${encodeURIComponent(p.name)}` } },
      }))
      sendJson(ctx.res, 200, listing(data, self, start, limit, group.parts.length))
    })
}

function findGroup(ctx: ApiContext, id: string): FileGroupRecord {
  const found = ctx.state.fileGroup(ctx.caller.sandbox.name, id)
  if (!found) throw notFound('DAS', `Dataset file '${id}' was not found.`)
  return found.group
}

async function sendPart(ctx: ApiContext, id: string, name: string): Promise<void> {
  const part = findGroup(ctx, id).parts.find((p) => p.name === name)
  if (!part) throw notFound('DAS', `File '${name}' was not found in dataset file '${id}'.`)
  const root = resolve(ctx.state.dataDir)
  const absPath = resolve(root, part.relPath)
  const rel = relative(root, absPath)
  if (rel.startsWith('..') || isAbsolute(rel)) throw notFound('DAS', `File '${name}' was not found.`)
  await sendFile(ctx.req, ctx.res, {
    absPath,
    contentType: name.endsWith('.parquet') ? 'application/parquet' : name.endsWith('.csv') ? 'application/csv' : 'application/octet-stream',
    identity: `${id}/${name}`,
  })
}

function batchFileItem(ctx: ApiContext, g: FileGroupRecord, viewId: string) {
  return {
    dataSetFileId: g.dataSetFileId,
    dataSetViewId: viewId,
    version: '1.0.0',
    created: String(g.created),
    updated: String(g.created),
    isValid: true,
    records: String(g.parts.reduce((n, p) => n + p.records, 0)),
    size: String(g.parts.reduce((n, p) => n + p.length, 0)),
    _links: { self: { href: `${ctx.origin}${EXPORT_BASE}/files/${encodeURIComponent(g.dataSetFileId)}` } },
  }
}

/** `_page.count` is the total (aep-api.md §2.1 suggestion); `next` appears only while more remain. */
function listing<T>(data: T[], self: string, start: number, limit: number, total: number) {
  return {
    data,
    _page: { limit, count: total },
    _links: {
      ...(start + limit < total ? { next: { href: `${self}?start=${start + limit}&limit=${limit}` } } : {}),
      page: { href: `${self}?start=${start}&limit=${limit}`, templated: true },
    },
  }
}

/**
 * `start` is an offset; on a file directory aepp also documents a file name as `start`, taken here as
 * "begin at that file". `limit` defaults to 100 and must lie in 1..100.
 */
function paging(query: URLSearchParams, group: FileGroupRecord | undefined): { start: number; limit: number } {
  const rawLimit = query.get('limit')
  let limit = PAGE_MAX
  if (rawLimit !== null) {
    limit = Number(rawLimit)
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > PAGE_MAX) {
      throw badRequest('DAS', `Invalid limit '${rawLimit}': limit must be an integer between 1 and ${PAGE_MAX}.`)
    }
  }
  const rawStart = query.get('start')
  if (rawStart === null) return { start: 0, limit }
  if (/^\d+$/.test(rawStart)) return { start: Number(rawStart), limit }
  const byName = group?.parts.findIndex((p) => p.name === rawStart) ?? -1
  if (byName < 0) throw badRequest('DAS', `Invalid start '${rawStart}': expected an offset of 0 or more${group ? ' or a file name' : ''}.`)
  return { start: byName, limit }
}
