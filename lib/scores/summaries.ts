// What the charts show, derived from the stored counts for the cut-offs a person chose: factors by bucket, the
// bucket migration matrix, new and dropped profiles by bucket. Exact for any integer cut-offs, because the counts are
// kept per score cell (cells.ts). Pure; used by the browser.
import { buckets, type Bucket, type BucketCutoffs } from '@/lib/scores/buckets'
import { bucketOfCell, type BucketCounts } from './cells'
import type { Comparison, FactorCount } from '@/lib/insights/schema'

export interface FactorBar {
  code: string
  total: number
  /** Occurrences by importance (high, medium, low, or whatever the files say). */
  byImportance: Record<string, number>
}

const emptyCounts = (): BucketCounts => ({ low: 0, medium: 0, high: 0 })

/** Per bucket, each factor code's occurrences by importance, the most frequent first. */
export function factorsByBucket(factors: readonly FactorCount[], cutoffs: BucketCutoffs): Record<Bucket, FactorBar[]> {
  const bars = new Map<Bucket, Map<string, FactorBar>>(buckets.map((bucket) => [bucket, new Map()]))
  for (const factor of factors) {
    for (const [cell, count] of Object.entries(factor.cells)) {
      const byCode = bars.get(bucketOfCell(Number(cell), cutoffs))
      if (!byCode) continue
      let bar = byCode.get(factor.code)
      if (!bar) {
        bar = { code: factor.code, total: 0, byImportance: {} }
        byCode.set(factor.code, bar)
      }
      bar.total += count
      bar.byImportance[factor.importance] = (bar.byImportance[factor.importance] ?? 0) + count
    }
  }
  const sorted = (bucket: Bucket) =>
    [...(bars.get(bucket)?.values() ?? [])].sort((a, b) => b.total - a.total || a.code.localeCompare(b.code))
  return { low: sorted('low'), medium: sorted('medium'), high: sorted('high') }
}

export interface Migration {
  /** matrix[from][to]: profiles in both runs, by their previous and current bucket. */
  matrix: Record<Bucket, BucketCounts>
  added: BucketCounts
  dropped: BucketCounts
}

function bySparseCells(cells: Record<string, number>, cutoffs: BucketCutoffs): BucketCounts {
  const out = emptyCounts()
  for (const [cell, count] of Object.entries(cells)) out[bucketOfCell(Number(cell), cutoffs)] += count
  return out
}

export function migration(comparison: Comparison, cutoffs: BucketCutoffs): Migration {
  const matrix: Record<Bucket, BucketCounts> = { low: emptyCounts(), medium: emptyCounts(), high: emptyCounts() }
  for (const [from, to, count] of comparison.pairs) matrix[bucketOfCell(from, cutoffs)][bucketOfCell(to, cutoffs)] += count
  return { matrix, added: bySparseCells(comparison.added, cutoffs), dropped: bySparseCells(comparison.dropped, cutoffs) }
}

export interface BinByBucket {
  from: number
  to: number
  total: number
  byBucket: BucketCounts
}

/** The histogram's bins (width 5 by default), each split by bucket so a cut-off inside a bin shows where it falls. */
export function binsByBucket(cells: readonly number[], cutoffs: BucketCutoffs, width = 5): BinByBucket[] {
  const count = Math.round(100 / width)
  const bins = Array.from({ length: count }, (_, i): BinByBucket => ({ from: i * width, to: (i + 1) * width, total: 0, byBucket: emptyCounts() }))
  cells.forEach((n, cell) => {
    const bin = bins[Math.min(Math.floor(Math.floor(cell / 2) / width), count - 1)]
    if (!bin || n === 0) return
    bin.total += n
    bin.byBucket[bucketOfCell(cell, cutoffs)] += n
  })
  return bins
}
