// Which rows of a file a person sees, in what order: sort by score and filter by score range, bucket, factor code
// or identity, computed over the whole file from the few whole leaves the choice needs. Pure.
import { bucketOf, type Bucket, type BucketCutoffs, defaultCutoffs } from '@/lib/scores/buckets'

export interface ViewSpec {
  sort?: 'asc' | 'desc'
  minScore?: number
  maxScore?: number
  buckets?: Bucket[]
  factorCode?: string
  identity?: string
  cutoffs?: BucketCutoffs
}

export interface ViewColumns {
  numRows: number
  score?: Float64Array
  identities?: unknown[][]
  factorCodes?: unknown[][]
}

export function needsScore(spec: ViewSpec): boolean {
  return spec.sort !== undefined || spec.minScore !== undefined || spec.maxScore !== undefined || (spec.buckets?.length ?? 0) > 0
}

export function isIdentityView(spec: ViewSpec): boolean {
  return !needsScore(spec) && !spec.factorCode && !spec.identity
}

/** The row indexes to show, in order; every row of the file when nothing is chosen. */
export function computeView(columns: ViewColumns, spec: ViewSpec): Int32Array {
  const { numRows, score, identities, factorCodes } = columns
  const cutoffs = spec.cutoffs ?? defaultCutoffs
  const wantedBuckets = spec.buckets?.length ? new Set(spec.buckets) : undefined
  const needle = spec.identity?.trim().toLowerCase()
  const kept: number[] = []
  for (let row = 0; row < numRows; row++) {
    const value = score?.[row]
    if (score && needsScore(spec) && (value === undefined || Number.isNaN(value))) continue
    if (value !== undefined && spec.minScore !== undefined && value < spec.minScore) continue
    if (value !== undefined && spec.maxScore !== undefined && value > spec.maxScore) continue
    if (value !== undefined && wantedBuckets && !wantedBuckets.has(bucketOf(value, cutoffs))) continue
    if (spec.factorCode && !(factorCodes?.[row] ?? []).includes(spec.factorCode)) continue
    if (needle && !(identities?.[row] ?? []).some((id) => typeof id === 'string' && id.toLowerCase().includes(needle))) continue
    kept.push(row)
  }
  const view = Int32Array.from(kept)
  if (spec.sort && score) {
    const direction = spec.sort === 'desc' ? -1 : 1
    // Ties keep file order, so the same file always shows the same page.
    view.sort((a, b) => direction * ((score[a] ?? 0) - (score[b] ?? 0)) || a - b)
  }
  return view
}
