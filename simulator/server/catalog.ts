// Catalog Service, `/data/foundation/catalog` (aep-api.md §1): ID-keyed maps with no envelope.
import { z } from 'zod'
import type { DatasetRecord } from '../model'
import { type CatalogEntry, projectOne, runCatalogQuery } from './catalog-query'
import { batchEntry, batchWire, dataSetFileEntry, datasetEntry, datasetWire } from './catalog-wire'
import type { ApiContext } from './context'
import { notFound } from './errors'
import { datasetId, hex } from './ids'
import { readJson, sendJson } from './respond'
import { Router } from './router'
import { parseWith } from './validation'

export const CATALOG_BASE = '/data/foundation/catalog'

const createDatasetBody = z.object({
  name: z.string().min(1).max(512),
  description: z.string().max(4096).optional(),
  schemaRef: z.object({ id: z.string().min(1).max(1024), contentType: z.string().min(1).max(256) }),
  tags: z.record(z.string(), z.array(z.string())).optional(),
})

export function catalogRouter(): Router<ApiContext> {
  return new Router<ApiContext>('CAT')
    .get('/dataSets', (ctx) => {
      const entries = ctx.state.datasetsIn(ctx.caller.sandbox.name).map((d) => datasetEntry(ctx.state, d))
      sendJson(ctx.res, 200, runCatalogQuery(entries, ctx.url.searchParams))
    })
    .post('/dataSets', async (ctx) => {
      const body = parseWith(createDatasetBody, await readJson(ctx.req, 'CAT'), 'CAT')
      const now = Date.now()
      const record: DatasetRecord = {
        sandbox: ctx.caller.sandbox.name,
        id: datasetId(),
        name: body.name,
        description: body.description ?? '',
        created: now,
        updated: now,
        viewId: hex(12),
        schemaRef: body.schemaRef,
        tags: body.tags ?? {},
        profileEnabled: body.tags?.unifiedProfile?.some((t) => t === 'enabled:true') ?? false,
      }
      const client = ctx.caller.token.clientId
      ctx.state.addDataset(record, { client, user: `${client}@techacct.adobe.com` })
      sendJson(ctx.res, 201, [`@/dataSets/${record.id}`], { Location: `${ctx.origin}${CATALOG_BASE}/dataSets/${record.id}` })
    })
    .get('/dataSets/:id', (ctx, { id = '' }) => {
      const d = ctx.state.dataset(ctx.caller.sandbox.name, id)
      if (!d) throw notFound('CAT', `Dataset '${id}' was not found.`)
      const wire = datasetWire(ctx.state, d)
      sendJson(ctx.res, 200, { [d.id]: projectOne(wire, ctx.url.searchParams) }, { 'E-Tag': `"${String(wire.version)}"` })
    })
    .get('/dataSets/:id/views/:viewId/files', (ctx, { id = '', viewId = '' }) => {
      const sandbox = ctx.caller.sandbox.name
      const d = ctx.state.dataset(sandbox, id)
      if (!d || d.viewId !== viewId) throw notFound('CAT', `Dataset view '${viewId}' of dataset '${id}' was not found.`)
      const entries: CatalogEntry[] = ctx.state
        .batchesOf(sandbox, id)
        .flatMap((b) => b.files.map((g) => dataSetFileEntry(ctx.state, d, b, g)))
      sendJson(ctx.res, 200, runCatalogQuery(entries, ctx.url.searchParams))
    })
    .get('/batches', (ctx) => {
      const entries = ctx.state.batchesIn(ctx.caller.sandbox.name).map((b) => batchEntry(ctx.state, b))
      sendJson(ctx.res, 200, runCatalogQuery(entries, ctx.url.searchParams))
    })
    .get('/batches/:id', (ctx, { id = '' }) => {
      const b = ctx.state.batch(ctx.caller.sandbox.name, id)
      if (!b) throw notFound('CAT', `Batch '${id}' was not found.`)
      const wire = batchWire(ctx.state, b)
      sendJson(ctx.res, 200, { [b.id]: projectOne(wire, ctx.url.searchParams) }, { 'E-Tag': `"${b.version}"` })
    })
}
