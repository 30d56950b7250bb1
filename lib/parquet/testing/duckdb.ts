// Test support (Node only): DuckDB as the reference reader. Rows are selected by physical position with
// read_parquet's file_row_number, so a reader's row ranges can be checked against an independent implementation.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'

export interface Reference {
  /** Rows as DuckDB renders them to JSON (bigints and timestamps as strings, maps as lists of {key, value}). */
  query(sql: string): Promise<Record<string, unknown>[]>
  close(): void
}

export async function openReference(): Promise<Reference> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection: DuckDBConnection = await instance.connect()
  return {
    async query(sql) {
      const reader = await connection.runAndReadAll(sql)
      return reader.getRowObjectsJson() as Record<string, unknown>[]
    },
    close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

export const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`

/** A DuckDB expression for a nested field: struct_extract all the way down from a top-level column. */
export function fieldExpression(path: readonly string[]): string {
  const [top, ...rest] = path
  if (!top) throw new Error('empty path')
  return rest.reduce((expr, name) => `struct_extract(${expr}, ${sqlString(name)})`, `"${top.replaceAll('"', '""')}"`)
}

/** Copies a parquet file through DuckDB: V1 pages, no page index, row groups of `rowGroupSize` rows. */
export async function copyWithDuckdb(reference: Reference, from: string, to: string, rowGroupSize: number): Promise<void> {
  await reference.query(
    `COPY (SELECT * FROM read_parquet(${sqlString(from)})) TO ${sqlString(to)} ` +
      `(FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`,
  )
}
