// The columns of the preview table and of its CSV export, in one list so the two never disagree.
import type { ScoreRow } from '@/lib/scores/score-row'

export const previewColumnIds = ['identity', 'score', 'bucket', 'probability', 'percentile', 'propensityType', 'scoreDate', 'factors'] as const

export type PreviewColumnId = (typeof previewColumnIds)[number]

export const columnLabels: Record<PreviewColumnId, string> = {
  identity: 'Identity',
  score: 'Score',
  bucket: 'Bucket',
  probability: 'Probability',
  percentile: 'Percentile',
  propensityType: 'Propensity',
  scoreDate: 'Score date (UTC)',
  factors: 'Influential factors',
}

export function isPreviewColumn(value: string): value is PreviewColumnId {
  return (previewColumnIds as readonly string[]).includes(value)
}

/** A cell as plain text: what the CSV holds. Dates in ISO 8601 UTC, factors as `code=value (importance)`. */
export function cellText(row: ScoreRow, column: PreviewColumnId): string {
  switch (column) {
    case 'identity':
      return row.identity ?? ''
    case 'score':
      return row.score === undefined ? '' : String(row.score)
    case 'bucket':
      return row.bucket ?? ''
    case 'probability':
      return row.probability === undefined ? '' : String(row.probability)
    case 'percentile':
      return row.percentile === undefined ? '' : String(row.percentile)
    case 'propensityType':
      return row.propensityType ?? ''
    case 'scoreDate':
      return row.scoreDate ? row.scoreDate.toISOString() : ''
    case 'factors':
      return row.factors.map((factor) => `${factor.code}=${factor.value} (${factor.importance})`).join('; ')
  }
}

/** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a cell as a formula. */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvLine(values: string[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}
