// Running counts over a run's scores, filled file by file and merged into what is stored: counts per score cell
// (exact buckets and histograms for any integer cut-offs, cells.ts), mean, an interpolated median, and influential
// factors by cell. Pure.
import { CELL_COUNT, cellOf } from '@/lib/scores/cells'
import type { FactorCount, ScoreSummary } from './schema'

/** Bins of 0.01 points for the median: the exact median would need every score of the run held at once. */
const FINE_BINS = 10_001

/** Adds `counts` into `into`, position by position (both of one length: cells, or fine bins). */
function addCounts(into: Float64Array, counts: Float64Array): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + (counts[i] ?? 0)
}

/** Everything a ScoreTally holds, as plain data: what a scan worker sends back for one part. */
export interface ScoreTallyState {
  cells: Float64Array
  fine: Float64Array
  count: number
  missing: number
  sum: number
  min: number
  max: number
}

export class ScoreTally {
  readonly cells = new Float64Array(CELL_COUNT)
  private readonly fine = new Float64Array(FINE_BINS)
  private count = 0
  private missing = 0
  private sum = 0
  private min = Infinity
  private max = -Infinity

  state(): ScoreTallyState {
    const { cells, fine, count, missing, sum, min, max } = this
    return { cells, fine, count, missing, sum, min, max }
  }

  /** Adds another tally's rows, as if they had been added here one by one. */
  merge(other: ScoreTallyState): void {
    addCounts(this.cells, other.cells)
    addCounts(this.fine, other.fine)
    this.count += other.count
    this.missing += other.missing
    this.sum += other.sum
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
  }

  /** Adds one row's score; NaN stands for a missing score. */
  add(score: number): void {
    if (Number.isNaN(score)) {
      this.missing += 1
      return
    }
    this.count += 1
    this.sum += score
    if (score < this.min) this.min = score
    if (score > this.max) this.max = score
    const cell = cellOf(score)
    this.cells[cell] = (this.cells[cell] ?? 0) + 1
    const fine = Math.min(FINE_BINS - 1, Math.max(0, Math.floor(score * 100)))
    this.fine[fine] = (this.fine[fine] ?? 0) + 1
  }

  /** The median of a continuous distribution within each 0.01 bin (DuckDB's `median` averages the middle two). */
  private median(): number | null {
    if (this.count === 0) return null
    const rank = (this.count - 1) / 2
    let before = 0
    for (let bin = 0; bin < FINE_BINS; bin++) {
      const inBin = this.fine[bin] ?? 0
      if (before + inBin > rank) {
        const value = (bin + (rank - before + 0.5) / inBin) / 100
        return Math.min(this.max, Math.max(this.min, value))
      }
      before += inBin
    }
    return this.max
  }

  summary(): ScoreSummary {
    const any = this.count > 0
    return {
      count: this.count,
      missing: this.missing,
      cells: Array.from(this.cells),
      mean: any ? this.sum / this.count : null,
      median: this.median(),
      min: any ? this.min : null,
      max: any ? this.max : null,
    }
  }
}

/** One (factor code, importance) and its occurrences by score cell. */
export interface FactorEntry {
  code: string
  importance: string
  cells: Float64Array
}

/** Occurrences of each (factor code, importance) by score cell. */
export class FactorTally {
  /** By code, then importance: two lookups of dictionary strings, not a key built for each of a million factors. */
  private readonly byCode = new Map<string, Map<string, FactorEntry>>()

  add(code: unknown, importance: unknown, cell: number): void {
    const entry = this.entry(code === null || code === undefined ? '' : String(code), importance === null || importance === undefined ? '' : String(importance))
    entry.cells[cell] = (entry.cells[cell] ?? 0) + 1
  }

  private entry(code: string, importance: string): FactorEntry {
    let byImportance = this.byCode.get(code)
    if (!byImportance) {
      byImportance = new Map()
      this.byCode.set(code, byImportance)
    }
    let entry = byImportance.get(importance)
    if (!entry) {
      entry = { code, importance, cells: new Float64Array(CELL_COUNT) }
      byImportance.set(importance, entry)
    }
    return entry
  }

  entries(): FactorEntry[] {
    return [...this.byCode.values()].flatMap((byImportance) => [...byImportance.values()])
  }

  /** Adds another tally's entries (a scan worker's, for one part). */
  merge(entries: readonly FactorEntry[]): void {
    for (const { code, importance, cells } of entries) {
      const entry = this.entry(code, importance)
      addCounts(entry.cells, cells)
    }
  }

  /** Sorted by code, then importance, cells sparse. */
  summary(): FactorCount[] {
    return this.entries()
      .sort((a, b) => a.code.localeCompare(b.code) || a.importance.localeCompare(b.importance))
      .map(({ code, importance, cells }) => {
        const sparse: Record<string, number> = {}
        cells.forEach((n, cell) => {
          if (n > 0) sparse[cell] = n
        })
        return { code, importance, cells: sparse }
      })
  }
}
