// Test support: one score row reduced to what a preview shows, from our reader's nested objects and from DuckDB's
// JSON alike, so the two can be compared field by field.
import type { SchemaTree } from 'hyparquet'
import { locateScoreFields, type ScoreFields } from '@/lib/scores/locate'
import { fieldExpression, sqlString } from './duckdb'

export interface ScoreView {
  ecid: unknown
  score: unknown
  probability: unknown
  percentile: unknown
  propensityType: unknown
  scoreDateMs: unknown
  factors: unknown
}

export const identityKey = ['identityMap', 'key_value', 'key']
export const identityId = ['identityMap', 'key_value', 'value', 'list', 'element', 'id']

export interface PreviewFields {
  fields: ScoreFields
  factors: string[]
  /** The leaves (and the factors group) a preview reads. */
  leaves: string[][]
}

export function previewFields(schema: SchemaTree): PreviewFields {
  const fields = locateScoreFields(schema)
  const code = fields?.factors?.code
  if (!fields?.probability || !fields.percentile || !fields.propensityType || !fields.scoreDate || !code) {
    throw new Error('score fields not found')
  }
  // influentialFactors.list.element.code: the factors group is three levels up.
  const factors = code.slice(0, -3)
  const leaves = [identityKey, identityId, fields.score, fields.probability, fields.percentile, fields.propensityType, fields.scoreDate, factors]
  return { fields, factors, leaves }
}

const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, name) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined), value)

const orNull = (value: unknown) => (value === undefined ? null : value)

/** From a row of ours (hyparquet's shapes: maps as objects, timestamps as Dates). */
export function ourView(row: Record<string, unknown>, preview: PreviewFields): ScoreView {
  const { fields } = preview
  const identities = at(row, ['identityMap', 'ECID'])
  const date = at(row, fields.scoreDate ?? [])
  return {
    ecid: orNull(Array.isArray(identities) ? at(identities[0], ['id']) : null),
    score: orNull(at(row, fields.score)),
    probability: orNull(at(row, fields.probability ?? [])),
    percentile: orNull(at(row, fields.percentile ?? [])),
    propensityType: orNull(at(row, fields.propensityType ?? [])),
    scoreDateMs: date instanceof Date ? date.getTime() : orNull(date),
    factors: orNull(at(row, preview.factors)),
  }
}

/** DuckDB SQL selecting the view's fields for rows by position (`where` over file_row_number). */
export function referenceSql(path: string, preview: PreviewFields, where: string): string {
  const { fields } = preview
  const columns = [
    'file_row_number AS row',
    'identityMap',
    `${fieldExpression(fields.score)} AS score`,
    `${fieldExpression(fields.probability ?? [])} AS probability`,
    `${fieldExpression(fields.percentile ?? [])} AS percentile`,
    `${fieldExpression(fields.propensityType ?? [])} AS propensityType`,
    `epoch_ms(${fieldExpression(fields.scoreDate ?? [])}) AS scoreDateMs`,
    `${fieldExpression(preview.factors)} AS factors`,
  ]
  return `SELECT ${columns.join(', ')} FROM read_parquet(${sqlString(path)}, file_row_number=true) WHERE ${where} ORDER BY file_row_number`
}

/** From a DuckDB JSON row (maps as lists of {key, value}, BIGINT as strings). */
export function referenceView(row: Record<string, unknown>): ScoreView {
  const map = row.identityMap
  const ecid = Array.isArray(map) ? map.find((entry) => at(entry, ['key']) === 'ECID') : undefined
  const ids = at(ecid, ['value'])
  return {
    ecid: orNull(Array.isArray(ids) ? at(ids[0], ['id']) : null),
    score: row.score,
    probability: row.probability,
    percentile: row.percentile,
    propensityType: row.propensityType,
    scoreDateMs: row.scoreDateMs === null ? null : Number(row.scoreDateMs),
    factors: row.factors,
  }
}
