// Catalog's shared list semantics (aep-api.md §1.3): filters, orderBy, start/limit paging and `properties`
// projection over ID-keyed objects. Pure: the routes in catalog.ts hand it wire objects and the query string.
import { badRequest } from './errors'

export type Wire = Record<string, unknown>

export interface CatalogEntry {
  id: string
  wire: Wire
  /** Filterable values that are not top-level wire properties, e.g. `dataSet` on batches. */
  extra?: Record<string, unknown>
}

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** Asking for `observableSchema` on datasets lowers the maximum (aep-api.md §1.3). */
const MAX_LIMIT_WITH_OBSERVABLE_SCHEMA = 20

/** Parameters with their own meaning; every other parameter is a simple filter on the property it names. */
const RESERVED = new Set([
  'limit', 'start', 'orderBy', 'sort', 'properties', 'property', 'tags', 'aggregate',
  'createdAfter', 'createdBefore', 'startAfter', 'startBefore', 'endAfter', 'endBefore',
])

/** Exclusive time bounds: parameter -> [property, direction]. */
const TIME_BOUNDS: Record<string, [string, 'after' | 'before']> = {
  createdAfter: ['created', 'after'],
  createdBefore: ['created', 'before'],
  startAfter: ['started', 'after'],
  startBefore: ['started', 'before'],
  endAfter: ['completed', 'after'],
  endBefore: ['completed', 'before'],
}

export function runCatalogQuery(entries: CatalogEntry[], query: URLSearchParams): Record<string, Wire> {
  const properties = parseProperties(query)
  const maxLimit = properties?.includes('observableSchema') ? MAX_LIMIT_WITH_OBSERVABLE_SCHEMA : MAX_LIMIT
  const limit = parseLimit(query.get('limit'), maxLimit)
  const start = parseStart(query.get('start'))
  const predicates = parseFilters(query)
  const order = parseOrder(query.get('orderBy') ?? query.get('sort'))

  const matched = entries.filter((e) => predicates.every((p) => p(e)))
  if (order.length > 0) matched.sort((a, b) => compareEntries(a, b, order))
  const page = matched.slice(start, start + limit)

  const out: Record<string, Wire> = {}
  for (const e of page) out[e.id] = project(e.wire, properties)
  return out
}

/** `properties` applied to a single object, for lookups by ID. */
export function projectOne(wire: Wire, query: URLSearchParams): Wire {
  return project(wire, parseProperties(query))
}

function parseLimit(raw: string | null, max: number): number {
  if (raw === null) return DEFAULT_LIMIT
  const n = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > max) {
    throw badRequest('CAT', `Invalid limit '${raw}': limit must be an integer between 1 and ${max}.`)
  }
  return n
}

function parseStart(raw: string | null): number {
  if (raw === null) return 0
  if (!/^\d+$/.test(raw.trim())) throw badRequest('CAT', `Invalid start '${raw}': start must be an integer of 0 or more.`)
  return Number(raw)
}

function parseProperties(query: URLSearchParams): string[] | undefined {
  const raw = query.get('properties')
  if (raw === null) return undefined
  return raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
}

function project(wire: Wire, properties: string[] | undefined): Wire {
  if (!properties) return wire
  const out: Wire = {}
  for (const p of properties) if (p in wire && wire[p] !== undefined) out[p] = wire[p]
  return out
}

// ---- values ----

function valueOf(e: CatalogEntry, path: string): unknown {
  if (path === 'id') return e.id
  if (e.extra && path in e.extra) return e.extra[path]
  let v: unknown = e.wire
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

/** Scalars a value offers to a comparison; arrays match when any element does. */
function scalars(v: unknown): string[] {
  if (v === undefined || v === null) return []
  if (Array.isArray(v)) return v.flatMap(scalars)
  if (typeof v === 'object') return [JSON.stringify(v)]
  return [String(v)]
}

/** `*` is a wildcard and `**` a literal star (aep-api.md §1.3). */
function wildcardMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value
  const source = pattern
    .split('**')
    .map((part) => part.split('*').map(escapeRegex).join('.*'))
    .join('\\*')
  return new RegExp(`^${source}$`, 's').test(value)
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// ---- filters ----

type Predicate = (e: CatalogEntry) => boolean

function parseFilters(query: URLSearchParams): Predicate[] {
  const predicates: Predicate[] = []
  for (const [key, value] of query) {
    if (key in TIME_BOUNDS) predicates.push(timeBound(key, value))
    else if (key === 'property') predicates.push(propertyExpression(value))
    else if (key === 'tags') predicates.push(tagFilter(value))
    else if (!RESERVED.has(key)) predicates.push(simpleFilter(key, value))
  }
  return predicates
}

/** `{prop}=v`, `=!v`, `=v1,v2` (any of), `=!v1,v2` (none of). */
function simpleFilter(prop: string, raw: string): Predicate {
  const negate = raw.startsWith('!')
  const wanted = (negate ? raw.slice(1) : raw).split(',')
  return (e) => {
    const have = scalars(valueOf(e, prop))
    const hit = have.some((h) => wanted.some((w) => wildcardMatches(w, h)))
    return negate ? !hit : hit
  }
}

function timeBound(param: string, raw: string): Predicate {
  const bound = TIME_BOUNDS[param]
  const t = Number(raw)
  if (!bound || !/^\d+$/.test(raw)) throw badRequest('CAT', `Invalid ${param} '${raw}': expected epoch milliseconds.`)
  const [prop, direction] = bound
  return (e) => {
    const v = valueOf(e, prop)
    if (typeof v !== 'number') return false
    return direction === 'after' ? v > t : v < t
  }
}

/** `tags=name:value` or `name:*`; several, comma-separated, must all hold. */
function tagFilter(raw: string): Predicate {
  const wanted = raw.split(',').map((t) => {
    const colon = t.indexOf(':')
    return colon < 0 ? { name: t, value: '*' } : { name: t.slice(0, colon), value: t.slice(colon + 1) }
  })
  return (e) => {
    const tags = e.wire.tags
    if (!tags || typeof tags !== 'object') return false
    return wanted.every(({ name, value }) => {
      const values = (tags as Record<string, unknown>)[name]
      if (!Array.isArray(values)) return false
      return value === '*' || values.some((v) => wildcardMatches(value, String(v)))
    })
  }
}

const EXPRESSION = /^(!)?([A-Za-z_@][\w.@]*)(?:(==|!=|<=|>=|~|<|>|=)(.*))?$/s

/** `property=` expressions: `name`, `!name`, `name~regex`, `==`, `!=`, `<`, `>`, `<=`, `>=`. */
function propertyExpression(raw: string): Predicate {
  const m = EXPRESSION.exec(raw.trim())
  if (!m) throw badRequest('CAT', `Invalid property expression '${raw}'.`)
  const [, not, prop = '', op, operand = ''] = m
  if (!op) {
    return (e) => {
      const exists = scalars(valueOf(e, prop)).length > 0
      return not ? !exists : exists
    }
  }
  if (not) throw badRequest('CAT', `Invalid property expression '${raw}': '!' only applies to a bare property name.`)
  if (op === '~') {
    let re: RegExp
    try {
      re = new RegExp(operand)
    } catch {
      throw badRequest('CAT', `Invalid regular expression in property expression '${raw}'.`)
    }
    return (e) => scalars(valueOf(e, prop)).some((v) => re.test(v))
  }
  if (op === '==' || op === '=') return (e) => scalars(valueOf(e, prop)).some((v) => wildcardMatches(operand, v))
  if (op === '!=') return (e) => !scalars(valueOf(e, prop)).some((v) => wildcardMatches(operand, v))
  return (e) =>
    scalars(valueOf(e, prop)).some((v) => {
      const c = compareScalars(v, operand)
      return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0
    })
}

/** Numbers numerically, dotted versions (`1.0.10`) part by part, anything else as strings. */
function compareScalars(a: string, b: string): number {
  const num = /^-?\d+(\.\d+)?$/
  if (num.test(a) && num.test(b) && !(a.split('.').length > 2 || b.split('.').length > 2)) return Number(a) - Number(b)
  const version = /^\d+(\.\d+)+$/
  if (version.test(a) && version.test(b)) {
    const pa = a.split('.').map(Number)
    const pb = b.split('.').map(Number)
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? 0) - (pb[i] ?? 0)
      if (d !== 0) return d
    }
    return 0
  }
  return a < b ? -1 : a > b ? 1 : 0
}

// ---- ordering ----

interface OrderKey {
  prop: string
  desc: boolean
}

/** `orderBy=asc:created,desc:updated,name`; no direction means ascending. */
function parseOrder(raw: string | null): OrderKey[] {
  if (!raw) return []
  return raw.split(',').map((part) => {
    const p = part.trim()
    const colon = p.indexOf(':')
    if (colon < 0) return { prop: p, desc: false }
    const dir = p.slice(0, colon).toLowerCase()
    if (dir !== 'asc' && dir !== 'desc') throw badRequest('CAT', `Invalid orderBy '${raw}': use asc:<property> or desc:<property>.`)
    return { prop: p.slice(colon + 1), desc: dir === 'desc' }
  })
}

function compareEntries(a: CatalogEntry, b: CatalogEntry, order: OrderKey[]): number {
  for (const key of order) {
    const va = valueOf(a, key.prop)
    const vb = valueOf(b, key.prop)
    // Objects without the property sort after those with it, in either direction.
    if (va === undefined || vb === undefined) {
      if (va === vb) continue
      return va === undefined ? 1 : -1
    }
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : compareScalars(String(va), String(vb))
    if (c !== 0) return key.desc ? -c : c
  }
  return 0
}
