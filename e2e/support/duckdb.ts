// DuckDB as the independent reader: what the preview shows is checked against its answers for the same file.
import { DuckDBInstance } from '@duckdb/node-api'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export async function withLocalCopy(bytes: Buffer): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'score-explorer-e2e-')), 'file.parquet')
  writeFileSync(file, bytes)
  return file
}

export async function duckdbRows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    const reader = await connection.runAndReadAll(sql)
    return reader.getRowObjectsJS() as Record<string, unknown>[]
  } finally {
    connection.closeSync()
  }
}
