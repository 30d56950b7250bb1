// Sandbox Management API, `/data/foundation/sandbox-management` (aep-api.md §5).
import type { SandboxRecord } from '../model'
import type { ApiContext } from './context'
import { HttpError, badRequest } from './errors'
import { sendJson } from './respond'
import { Router } from './router'

export const SANDBOX_BASE = '/data/foundation/sandbox-management'

/** The technical user shown as creator and modifier; Adobe shows the IMS user id there. */
const SYSTEM_USER = 'acp_sandbox_management@AdobeID'

export function sandboxesRouter(): Router<ApiContext> {
  const list = (all: boolean) => (ctx: ApiContext) => {
    // Every demo sandbox is active and open to every caller, so "available to me" equals "all".
    const sandboxes = ctx.state.world.sandboxes.filter((s) => all || s.state === 'active')
    const self = `${ctx.origin}${SANDBOX_BASE}${all ? '/sandboxes/' : '/'}`
    sendJson(ctx.res, 200, page(sandboxes, self, ctx.url.searchParams))
  }
  return new Router<ApiContext>('SMS')
    .get('/sandboxes', list(true))
    .get('/', list(false))
    .get('/sandboxes/:name', (ctx, { name = '' }) => {
      const s = ctx.state.sandbox(name)
      if (!s) {
        // Sandbox errors use `{status, title, type}` with SMS- type URIs (aep-api.md §5).
        throw new HttpError(404, {
          type: 'http://ns.adobe.com/aep/errors/SMS-404',
          title: 'Not Found',
          status: 404,
          detail: `Sandbox '${name}' was not found.`,
        })
      }
      sendJson(ctx.res, 200, sandboxWire(s))
    })
}

function sandboxWire(s: SandboxRecord) {
  return {
    name: s.name,
    title: s.title,
    state: s.state,
    type: s.type,
    region: s.region,
    isDefault: s.isDefault,
    eTag: 1,
    createdDate: s.createdDate,
    lastModifiedDate: s.lastModifiedDate,
    createdBy: SYSTEM_USER,
    modifiedBy: SYSTEM_USER,
  }
}

/** `limit`/`offset` paging with `_page` and `_links`, as in Adobe's example. */
function page(all: SandboxRecord[], self: string, query: URLSearchParams) {
  const limit = intParam(query, 'limit', 50, 1, 1000)
  const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
  const items = all.slice(offset, offset + limit)
  return {
    sandboxes: items.map(sandboxWire),
    _page: { limit, count: items.length },
    _links: {
      ...(offset + limit < all.length ? { next: { href: `${self}?limit=${limit}&offset=${offset + limit}`, templated: null } } : {}),
      ...(offset > 0 ? { prev: { href: `${self}?limit=${limit}&offset=${Math.max(0, offset - limit)}`, templated: null } } : {}),
      page: { href: `${self}?limit=${limit}&offset=${offset}`, templated: null },
    },
  }
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name)
  if (raw === null) return fallback
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max) throw badRequest('SMS', `Invalid ${name} '${raw}': expected an integer between ${min} and ${max}.`)
  return n
}
