// Test and bench support (Node only): DuckDB as the reference reader of local parquet files, with the bytes it reads
// taken from the kernel's count for this process (/proc/self/io `rchar`: every byte read through read/pread). DuckDB
// runs in-process and the event loop waits on it, so the delta around one query is that query's reading. Linux
// only; elsewhere, no bytes.
import { readFileSync } from 'node:fs'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'

export function bytesReadByProcess(): number | undefined {
  try {
    const match = /^rchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

export interface Timed {
  ms: number
  bytes: number | undefined
  rows: number
}

export interface Reference {
  run(sql: string): Promise<Timed>
  close(): void
}

export async function openDuckdb(): Promise<Reference> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection: DuckDBConnection = await instance.connect()
  return {
    async run(sql) {
      const before = bytesReadByProcess()
      const started = performance.now()
      const reader = await connection.runAndReadAll(sql)
      // Into JavaScript values, as our reader hands back rows.
      const rows = reader.getRowObjectsJS().length
      const ms = performance.now() - started
      const after = bytesReadByProcess()
      return { ms, rows, bytes: before === undefined || after === undefined ? undefined : after - before }
    },
    close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
