// The content of one profile's row in a score file: identities, the instance's score struct and the data lake's
// system columns. Built column by column (one array per top-level field) because that is what the parquet
// writer takes, and it avoids transposing row objects.
import type { PropensityType } from '../model'
import { ecid } from './ids'
import { isPresent, percentileOf, probabilityOf, scoreOf, type PopulationSpec } from './population'
import { mix, unit } from './prng'

export interface IdentityItem {
  id: string
  authenticatedState: string
  primary: boolean
}
export interface Factor {
  code: string
  value: string
  importance: string
}
export interface ScoreStruct {
  score: number
  probability: number
  percentileScore: number
  propensityType: PropensityType
  scoreDate: number
  influentialFactors: Factor[]
  modelId: string
}
export interface SystemMetadata {
  acp_sourceBatchId: string
  commitBatchId: string
  trackingId: string
  rowId: string
  rowVersion: bigint
  ingestTime: bigint
  isDeleted: boolean
}

/** Everything a row needs besides the profile index: the same for every row of a run. */
export interface RunContext {
  spec: PopulationSpec
  run: number
  instanceKey: string
  scoreDate: number
  modelId: string
  cuts: Float64Array
  batchId: string
  commitBatchId: string
  trackingId: string
  ingestTime: number
}

/** A map as `{key, value}` entries: the writer's own map form, so it does not convert every row per leaf. */
export type IdentityMap = { key: string; value: IdentityItem[] }[]

export interface RowColumns {
  identityMap: IdentityMap[]
  tenant: { CustomerAI: Record<string, ScoreStruct> }[]
  system: SystemMetadata[]
}

const FIRST_NAMES = ['alex', 'sam', 'maria', 'li', 'noah', 'emma', 'omar', 'yuki', 'lena', 'raj', 'ana', 'tom']
const DOMAINS = ['example.com', 'mail.example.net', 'acme-shopper.example', 'inbox.example.org']
const TIERS = ['none', 'bronze', 'silver', 'gold', 'platinum']

/**
 * Influential factors: each value is drawn so that it leans the way the profile's score does (a likely churner
 * has not bought for a long time; a likely buyer visits often), so the factors read plausibly next to the score.
 */
const FACTORS: { code: string; value: (u: number, lean: number) => string }[] = [
  { code: 'daysSinceLastPurchase', value: (u, lean) => String(Math.round(3 + 360 * u * (0.3 + 0.7 * lean))) },
  { code: 'emailOpensLast30d', value: (u, lean) => String(Math.round(30 * u * (1 - 0.8 * lean))) },
  { code: 'webVisitsLast7d', value: (u, lean) => String(Math.round(25 * u * (1 - 0.7 * lean))) },
  { code: 'supportTicketsLast90d', value: (u, lean) => String(Math.floor(7 * u * lean)) },
  { code: 'loyaltyTier', value: (u) => TIERS[Math.floor(u * TIERS.length)] ?? 'none' },
  { code: 'cartAbandonsLast30d', value: (u, lean) => String(Math.floor(10 * u * lean)) },
  { code: 'avgOrderValue', value: (u) => (15 + 240 * u * u).toFixed(2) },
  { code: 'appSessionsLast14d', value: (u, lean) => String(Math.round(40 * u * (1 - 0.75 * lean))) },
  { code: 'productViewsLast30d', value: (u, lean) => String(Math.round(120 * u * (1 - 0.6 * lean))) },
  { code: 'subscriptionTenureMonths', value: (u) => String(1 + Math.floor(72 * u)) },
]
const IMPORTANCE = ['high', 'medium', 'medium', 'low', 'low'] as const

function factorsOf(rowSalt: number, score: number, type: PropensityType): Factor[] {
  const count = 2 + Math.floor(unit(rowSalt, 1) * 4) // 2..5
  // For churn a high score leans towards disengagement; for conversion towards engagement.
  const lean = type === 'churn' ? score / 100 : 1 - score / 100
  let used = 0 // a bit per factor code: no code twice in one row
  const out: Factor[] = []
  for (let k = 0; out.length < count; k++) {
    const pick = Math.floor(unit(rowSalt, 2, k) * FACTORS.length)
    if (used & (1 << pick)) continue
    used |= 1 << pick
    const spec = FACTORS[pick]
    if (!spec) continue
    out.push({
      code: spec.code,
      value: spec.value(unit(rowSalt, 3, k), lean),
      importance: IMPORTANCE[out.length] ?? 'low',
    })
  }
  return out
}

export function identityMapOf(spec: PopulationSpec, index: number): IdentityMap {
  const map: IdentityMap = [
    { key: 'ECID', value: [{ id: ecid(spec.identitySalt, index), authenticatedState: 'ambiguous', primary: true }] },
  ]
  // About a fifth of the profiles have signed in somewhere and carry an e-mail identity as well.
  if (unit(spec.identitySalt, index, 0xe3a1) < 0.2) {
    const h = mix(spec.identitySalt, index, 0xe3a2)
    const name = FIRST_NAMES[h % FIRST_NAMES.length] ?? 'user'
    const domain = DOMAINS[(h >>> 8) % DOMAINS.length] ?? 'example.com'
    map.push({
      key: 'Email',
      value: [{ id: `${name}.${index}@${domain}`, authenticatedState: 'authenticated', primary: false }],
    })
  }
  return map
}

export function scoreStructOf(ctx: RunContext, index: number): ScoreStruct {
  const { spec, run } = ctx
  const score = scoreOf(spec, index, run)
  return {
    score,
    probability: probabilityOf(score),
    percentileScore: percentileOf(ctx.cuts, score),
    propensityType: spec.propensityType,
    scoreDate: ctx.scoreDate,
    influentialFactors: factorsOf(mix(spec.scoreSalt, index, run, 0xfac7), score, spec.propensityType),
    modelId: ctx.modelId,
  }
}

/**
 * The rows of profiles [from, to) present in the run, optionally filtered by score (exports).
 * `firstRow` numbers the rows for `_acp_system_metadata.rowId`.
 */
export function buildRows(
  ctx: RunContext,
  from: number,
  to: number,
  firstRow: number,
  keep: (score: number) => boolean = () => true,
): RowColumns {
  const out: RowColumns = { identityMap: [], tenant: [], system: [] }
  const ingestTime = BigInt(ctx.ingestTime)
  let row = firstRow
  for (let i = from; i < to; i++) {
    if (!isPresent(ctx.spec, i, ctx.run)) continue
    const scores = scoreStructOf(ctx, i)
    if (!keep(scores.score)) continue
    out.identityMap.push(identityMapOf(ctx.spec, i))
    out.tenant.push({ CustomerAI: { [ctx.instanceKey]: scores } })
    out.system.push({
      acp_sourceBatchId: ctx.batchId,
      commitBatchId: ctx.commitBatchId,
      trackingId: ctx.trackingId,
      rowId: `${ctx.batchId}-${row}`,
      rowVersion: 1n,
      ingestTime,
      isDeleted: false,
    })
    row++
  }
  return out
}
