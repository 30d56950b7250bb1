// The typed message protocol between the preview UI and its Web Worker. Every request carries a queryId; a newer
// request can cancel an older one, and the worker answers each with exactly one `result` or `error` (CSV export
// streams `csv-chunk` messages first).
import type { PreviewColumnId } from '@/lib/preview/columns'
import type { ViewSpec } from '@/lib/preview/view'
import type { ScoreFields } from '@/lib/scores/locate'
import type { ScoreRow } from '@/lib/scores/score-row'

export interface FileSource {
  /** Our own file route (same origin); the worker fetches byte ranges from it. */
  url: string
  /** From the listing, so no HEAD request is needed. */
  byteLength: number
}

export interface LeafSummary {
  name: string
  path: string[]
  physicalType: string
  logicalType?: string
  codec: string
  compressedSize: number
  uncompressedSize: number
  pages?: number
  hasOffsetIndex: boolean
  hasColumnIndex: boolean
  min?: string
  max?: string
  nullCount?: string
}

export interface FileSummary {
  numRows: number
  byteLength: number
  rowGroups: { index: number; numRows: number; compressedSize: number }[]
  createdBy?: string
  leaves: LeafSummary[]
  /** Where the score fields are, or undefined when the schema is not recognisable. */
  scoreFields?: ScoreFields
  /** Numeric leaves a person may pick as the score. */
  numericLeaves: string[][]
}

export type PreviewRequest =
  | { kind: 'open'; queryId: number; source: FileSource; scoreLeaf?: string[] }
  | { kind: 'view'; queryId: number; spec: ViewSpec }
  | { kind: 'rows'; queryId: number; viewStart: number; viewEnd: number }
  | { kind: 'raw'; queryId: number; rowIndex: number }
  | { kind: 'csv'; queryId: number; columns: PreviewColumnId[]; limit?: number }
  | { kind: 'cancel'; queryId: number }

export type PreviewResult =
  | { kind: 'opened'; summary: FileSummary }
  | { kind: 'view'; count: number }
  | { kind: 'rows'; rows: ScoreRow[] }
  | { kind: 'raw'; json: string }
  | { kind: 'csv-done'; rows: number }

export type PreviewResponse =
  | { kind: 'result'; queryId: number; result: PreviewResult; bytesFetched: number }
  | { kind: 'csv-chunk'; queryId: number; text: string }
  | { kind: 'error'; queryId: number; message: string; aborted: boolean }
