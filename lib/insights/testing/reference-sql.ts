// Test and bench support: DuckDB SQL over a run's local files, written independently of the code under test.
import { sqlString } from '@/lib/parquet/testing/duckdb'
import type { InstanceRuns } from './simulator-runs'

/** Each run as a subquery with one row per profile: ecid, score, filename, file_row_number. */
export function scoreSources(runs: InstanceRuns): { latest: string; previous: string } {
  const source = (paths: string[]) =>
    `(SELECT identityMap['ECID'][1].id AS ecid, _acmeinc.CustomerAI.${runs.instanceKey}.score AS score, filename, file_row_number ` +
    `FROM read_parquet([${paths.map(sqlString).join(', ')}], filename = true, file_row_number = true))`
  return { latest: source(runs.latest.paths), previous: source(runs.previous.paths) }
}

/** The score cell (cells.ts) in SQL: 2k for a score equal to k, 2k + 1 between k and k + 1. */
export const cellSql = (score: string) =>
  `(CASE WHEN ${score} <= 0 THEN 0 WHEN ${score} > 100 THEN 201 WHEN ${score} = floor(${score}) THEN 2 * ${score} ELSE 2 * floor(${score}) + 1 END)::INTEGER`

/** Adobe's default buckets in SQL: low below 25, medium 25 to 74, high above 74. */
export const bucketSql = (score: string) => `(CASE WHEN ${score} < 25 THEN 'low' WHEN ${score} > 74 THEN 'high' ELSE 'medium' END)`
