// Score cells: the resolution at which a run's scores are counted and stored, chosen so that Adobe's buckets can be
// recomputed exactly for any integer cut-offs. The buckets are "low below L" (score < L) and "high above H"
// (score > H), so an integer score k must be told apart from the scores just above it: cell 2k holds scores equal
// to k, cell 2k+1 the scores strictly between k and k+1. Then low is every cell below 2L and high every cell above 2H,
// whatever L and H are. 202 cells cover 0..100 (cell 201: above 100). Pure; shared by the server and the browser.
import { defaultCutoffs, type Bucket, type BucketCutoffs } from '@/lib/scores/buckets'

export const CELL_COUNT = 202

/** Scores below 0 count as 0 and above 100 as "above 100": Customer AI documents scores of 0 to 100. */
export function cellOf(score: number): number {
  if (!(score > 0)) return 0
  if (score > 100) return CELL_COUNT - 1
  const whole = Math.floor(score)
  return whole === score ? 2 * whole : 2 * whole + 1
}

/** The bucket a cell falls in under integer cut-offs. */
export function bucketOfCell(cell: number, cutoffs: BucketCutoffs = defaultCutoffs): Bucket {
  if (cell < 2 * cutoffs.lowBelow) return 'low'
  if (cell > 2 * cutoffs.highAbove) return 'high'
  return 'medium'
}

export type BucketCounts = Record<Bucket, number>

/** Profiles per bucket from counts per cell. */
export function bucketCounts(cells: readonly number[], cutoffs: BucketCutoffs = defaultCutoffs): BucketCounts {
  const out: BucketCounts = { low: 0, medium: 0, high: 0 }
  cells.forEach((count, cell) => {
    out[bucketOfCell(cell, cutoffs)] += count
  })
  return out
}

/**
 * Integer cut-offs, low below `lowBelow` and high above `highAbove`. `lowBelow` may equal `highAbove` (medium is then
 * the scores equal to it) but not exceed it: scores are not integers, and 32.5 would be both below 33 and above 32.
 */
export function isValidCutoffs(cutoffs: BucketCutoffs): boolean {
  const { lowBelow, highAbove } = cutoffs
  return Number.isInteger(lowBelow) && Number.isInteger(highAbove) && lowBelow >= 0 && highAbove <= 100 && lowBelow <= highAbove
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number
  /** Exclusive upper edge; the last bin also holds its upper edge (100) and anything above. */
  to: number
  count: number
}

/** Counts in bins of `width` points over 0..100 (width must divide 100), from counts per cell. */
export function histogram(cells: readonly number[], width = 5): HistogramBin[] {
  const bins = Math.round(100 / width)
  const out = Array.from({ length: bins }, (_, i): HistogramBin => ({ from: i * width, to: (i + 1) * width, count: 0 }))
  cells.forEach((count, cell) => {
    const bin = Math.min(Math.floor(Math.floor(cell / 2) / width), bins - 1)
    const target = out[bin]
    if (target) target.count += count
  })
  return out
}

/** Adds `count` to a sparse cell map (cell index to count), the stored form for rarely filled cells. */
export function addToSparse(map: Record<string, number>, cell: number, count = 1): void {
  map[cell] = (map[cell] ?? 0) + count
}
