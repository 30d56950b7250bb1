// One score row as people read it, taken from an assembled parquet row (nested objects, as hyparquet builds them).
// Pure, shared by the preview worker, the CSV export and the server's insights.
import { bucketOf, type Bucket, type BucketCutoffs } from '@/lib/scores/buckets'
import type { ScoreFields } from '@/lib/scores/locate'

export interface InfluentialFactor {
  code: string
  value: string
  importance: string
}

export interface ScoreRow {
  /** Position of the row in its file (zero-based). */
  rowIndex: number
  /** The primary identity (ECID first), for display and search. */
  identity?: string
  identityNamespace?: string
  score?: number
  bucket?: Bucket
  probability?: number
  percentile?: number
  propensityType?: string
  scoreDate?: Date
  factors: InfluentialFactor[]
}

type Nested = Record<string, unknown>

function isRecord(value: unknown): value is Nested {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/** Follows a path of keys through nested objects. */
export function valueAt(row: unknown, path: readonly string[]): unknown {
  let node: unknown = row
  for (const key of path) {
    if (!isRecord(node)) return undefined
    node = node[key]
  }
  return node
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'bigint') return Number(value)
  return undefined
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  if (typeof value === 'bigint') return new Date(Number(value))
  return undefined
}

/** The leaf name of a path inside the score struct (`…influentialFactors.list.element.code` → `code`). */
const lastKey = (path: readonly string[] | undefined, fallback: string) => path?.at(-1) ?? fallback

/** identityMap: { ECID: [{ id, primary }], Email: [...] } → the primary id, preferring ECID. */
export function primaryIdentity(identityMap: unknown): { namespace: string; id: string } | undefined {
  if (!isRecord(identityMap)) return undefined
  const entries = Object.entries(identityMap).sort(([a], [b]) => (a === 'ECID' ? -1 : b === 'ECID' ? 1 : 0))
  let fallback: { namespace: string; id: string } | undefined
  for (const [namespace, items] of entries) {
    if (!Array.isArray(items)) continue
    for (const item of items) {
      if (!isRecord(item) || typeof item.id !== 'string') continue
      if (item.primary === true) return { namespace, id: item.id }
      fallback ??= { namespace, id: item.id }
    }
  }
  return fallback
}

export function toScoreRow(row: unknown, rowIndex: number, fields: ScoreFields, cutoffs?: BucketCutoffs): ScoreRow {
  const base = valueAt(row, fields.base)
  const field = (path: readonly string[] | undefined) => (path ? valueAt(row, path) : undefined)
  const score = toNumber(field(fields.score))
  const identity = primaryIdentity(isRecord(row) ? row.identityMap : undefined)
  const factorsKey = fields.factors?.code ? fields.factors.code[fields.base.length] : undefined
  const rawFactors = isRecord(base) && factorsKey ? base[factorsKey] : undefined
  const codeKey = lastKey(fields.factors?.code, 'code')
  const valueKey = lastKey(fields.factors?.value, 'value')
  const importanceKey = lastKey(fields.factors?.importance, 'importance')
  const factors = Array.isArray(rawFactors)
    ? rawFactors.filter(isRecord).map((factor) => ({
        code: String(factor[codeKey] ?? ''),
        value: String(factor[valueKey] ?? ''),
        importance: String(factor[importanceKey] ?? ''),
      }))
    : []
  return {
    rowIndex,
    identity: identity?.id,
    identityNamespace: identity?.namespace,
    score,
    bucket: score === undefined ? undefined : bucketOf(score, cutoffs),
    probability: toNumber(field(fields.probability)),
    percentile: toNumber(field(fields.percentile)),
    propensityType: typeof field(fields.propensityType) === 'string' ? (field(fields.propensityType) as string) : undefined,
    scoreDate: toDate(field(fields.scoreDate)),
    factors,
  }
}
