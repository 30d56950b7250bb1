// Test support (Node only): the score files the reader is proven on. The simulator writes Spark-like files (V2
// pages of hyparquet-writer, both page indexes, one row group); DuckDB rewrites one of them with V1 pages, no page
// index and several row groups. The simulator is the app's stand-in for Adobe, used here only as a fixture source.
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
// eslint-disable-next-line no-restricted-imports -- tests read the simulator's generated files as fixtures
import { loadOrGenerateWorld } from '@/simulator/data'
import { copyWithDuckdb, type Reference } from './duckdb'

const dataDir = fileURLToPath(new URL('../../../.data/simulator', import.meta.url))

/** The largest part of the latest successful run of the "Churn Prediction" instance (at least 300,000 rows). */
export async function churnScoreFile(): Promise<{ path: string; records: number }> {
  const world = await loadOrGenerateWorld({ dataDir })
  const dataset = world.datasets.find((d) => d.instance?.name === 'Churn Prediction')
  if (!dataset) throw new Error('the simulator has no Churn Prediction instance')
  const latest = world.batches
    .filter((b) => b.datasetId === dataset.id && b.status === 'success')
    .sort((a, b) => b.created - a.created)[0]
  const part = latest?.files
    .flatMap((f) => f.parts)
    .sort((a, b) => b.records - a.records)[0]
  if (!part || part.records < 300_000) throw new Error('the latest Churn Prediction run has no part of 300,000 rows')
  return { path: join(dataDir, part.relPath), records: part.records }
}

/** The same rows rewritten by DuckDB: V1 pages, no page index, row groups of 100,000 rows. Cached in tmpdir. */
export async function duckdbCopy(reference: Reference, source: string): Promise<string> {
  const dir = join(tmpdir(), 'score-explorer-parquet-tests')
  mkdirSync(dir, { recursive: true })
  const { size, mtimeMs } = statSync(source)
  const target = join(dir, `${basename(source, '.parquet')}-${size}-${Math.round(mtimeMs)}.duckdb.parquet`)
  if (!existsSync(target)) {
    const partial = `${target}.${process.pid}.tmp`
    await copyWithDuckdb(reference, source, partial, 100_000)
    renameSync(partial, target)
  }
  return target
}
