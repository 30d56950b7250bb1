// What the preview worker does for one open file, free of worker plumbing so it runs under unit tests too: the
// summary, the current view (sort and filter over the whole file), rows of the view, one row's raw value, and CSV.
import type { AsyncBuffer } from 'hyparquet'
import { openParquetFile } from '@/lib/parquet/file'
import type { ParquetFile } from '@/lib/parquet/types'
import { cellText, csvLine, columnLabels, type PreviewColumnId } from '@/lib/preview/columns'
import { listPerRow, numbersPerRow } from '@/lib/preview/per-row'
import type { FileSummary } from '@/lib/preview/protocol'
import { summarise } from '@/lib/preview/summary'
import { computeView, isIdentityView, needsScore, type ViewSpec } from '@/lib/preview/view'
import { locateScoreFields, numericLeaves, scoreFieldsFromLeaf, type ScoreFields } from '@/lib/scores/locate'
import { toScoreRow, type ScoreRow } from '@/lib/scores/score-row'

const csvBlock = 2000

export class PreviewSession {
  private view: Int32Array | undefined
  private spec: ViewSpec = {}
  private readonly wholeLeaves = new Map<string, Promise<unknown>>()

  private constructor(
    readonly file: ParquetFile,
    readonly fields: ScoreFields | undefined,
  ) {}

  static async open(buffer: AsyncBuffer, scoreLeaf?: string[]): Promise<PreviewSession> {
    const file = await openParquetFile(buffer, { initialFetchSize: 64 * 1024 })
    const fields = scoreLeaf ? scoreFieldsFromLeaf(file.schema, scoreLeaf) : locateScoreFields(file.schema)
    return new PreviewSession(file, fields)
  }

  summary(): Promise<FileSummary> {
    return summarise(this.file, this.fields, numericLeaves(this.file.schema))
  }

  /** Leaves the table reads: the identities and the score struct, nothing else (no system metadata). */
  private rowLeaves(): string[][] {
    const identity = this.file.leaves.some((leaf) => leaf.path[0] === 'identityMap') ? [['identityMap']] : []
    return this.fields ? [...identity, this.fields.base] : identity
  }

  private identityLeaf(): string[] | undefined {
    return this.file.leaves.find((leaf) => leaf.path[0] === 'identityMap' && leaf.path.at(-1) === 'id')?.path
  }

  private whole<T>(path: string[], shape: 'numbers' | 'lists', signal?: AbortSignal): Promise<T> {
    const key = `${shape}:${path.join('.')}`
    let pending = this.wholeLeaves.get(key)
    if (!pending) {
      pending = this.file.readWholeLeaf(path, signal).then((slice) => (shape === 'numbers' ? numbersPerRow(slice) : listPerRow(slice)))
      // A cancelled read must not stay cached as a failure.
      pending.catch(() => this.wholeLeaves.delete(key))
      this.wholeLeaves.set(key, pending)
    }
    return pending as Promise<T>
  }

  /** Sets the view and returns how many rows it holds; reads only the leaves the choice needs. */
  async setView(spec: ViewSpec, signal?: AbortSignal): Promise<number> {
    this.spec = spec
    if (isIdentityView(spec)) {
      this.view = undefined
      return this.file.numRows
    }
    const fields = this.fields
    const identityLeaf = this.identityLeaf()
    const [score, factorCodes, identities] = await Promise.all([
      needsScore(spec) && fields ? this.whole<Float64Array>(fields.score, 'numbers', signal) : undefined,
      spec.factorCode && fields?.factors?.code ? this.whole<unknown[][]>(fields.factors.code, 'lists', signal) : undefined,
      spec.identity && identityLeaf ? this.whole<unknown[][]>(identityLeaf, 'lists', signal) : undefined,
    ])
    this.view = computeView({ numRows: this.file.numRows, score, factorCodes, identities }, spec)
    return this.view.length
  }

  get viewLength(): number {
    return this.view?.length ?? this.file.numRows
  }

  private toRows(objects: Record<string, unknown>[], indexes: readonly number[]): ScoreRow[] {
    return objects.map((object, i) =>
      this.fields ? toScoreRow(object, indexes[i] ?? 0, this.fields, this.spec.cutoffs) : { rowIndex: indexes[i] ?? 0, factors: [] },
    )
  }

  /** Rows [viewStart, viewEnd) of the current view. */
  async rows(viewStart: number, viewEnd: number, signal?: AbortSignal): Promise<ScoreRow[]> {
    const end = Math.min(viewEnd, this.viewLength)
    const start = Math.max(0, Math.min(viewStart, end))
    if (!this.view) {
      const objects = await this.file.readRows(this.rowLeaves(), start, end, signal)
      return this.toRows(objects, Array.from({ length: end - start }, (_, i) => start + i))
    }
    const indexes = Array.from(this.view.subarray(start, end))
    return this.toRows(await this.file.readRowsAt(this.rowLeaves(), indexes, signal), indexes)
  }

  /** One row with every leaf, as JSON (64-bit integers as strings, dates in ISO 8601 UTC). */
  async raw(rowIndex: number, signal?: AbortSignal): Promise<string> {
    const topLevel = this.file.schema.children.map((child) => [child.element.name])
    const [row] = await this.file.readRows(topLevel, rowIndex, rowIndex + 1, signal)
    return JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)
  }

  /** The current view as CSV, in blocks, so a large export never sits whole in memory twice. */
  async csv(columns: PreviewColumnId[], emit: (text: string) => void, signal?: AbortSignal, limit?: number): Promise<number> {
    emit(csvLine(['row', ...columns.map((column) => columnLabels[column])]))
    const total = Math.min(this.viewLength, limit ?? Number.POSITIVE_INFINITY)
    for (let start = 0; start < total; start += csvBlock) {
      signal?.throwIfAborted()
      const rows = await this.rows(start, Math.min(total, start + csvBlock), signal)
      emit(rows.map((row) => csvLine([String(row.rowIndex), ...columns.map((column) => cellText(row, column))])).join(''))
    }
    return total
  }
}
