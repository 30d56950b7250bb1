// Writes one Spark-like part file: snappy, one row group, several pages per column chunk, statistics, and both
// page indexes on every leaf, through hyparquet-writer's buffered file writer (it flushes to disk every ~1 MB
// instead of holding the file in memory).
import type { KeyValue, SchemaElement } from 'hyparquet-writer'
import { fileWriter, ParquetWriter } from 'hyparquet-writer'
import { CREATED_BY } from './schema'

/**
 * hyparquet-writer splits pages by estimated value bytes, not rows. 160 kB holds 20,000 doubles: the score leaf gets
 * Spark's 20,000-row pages (parquet-mr's row cap), so a 300,000-row file has 15 score pages. String leaves get
 * smaller pages than Spark would write; that only adds pages, which a page-level reader handles the same way.
 */
export const PAGE_SIZE = 160_000

/** parquet-mr's default truncation for column-index bounds: a 38-digit ECID stays whole. */
const TRUNCATE_LENGTH = 64

export interface ColumnValues {
  name: string
  data: unknown[]
}

export interface WriteResult {
  length: number
  records: number
}

export function writePartFile(opts: {
  path: string
  schema: SchemaElement[]
  kvMetadata: KeyValue[]
  columns: ColumnValues[]
}): WriteResult {
  const records = opts.columns[0]?.data.length ?? 0
  const writer = fileWriter(opts.path)
  const pq = new ParquetWriter({
    writer,
    schema: opts.schema,
    codec: 'SNAPPY',
    statistics: true,
    statisticsTruncateLength: TRUNCATE_LENGTH,
    kvMetadata: opts.kvMetadata,
    createdBy: CREATED_BY,
  })
  const written = pq.write({
    columnData: opts.columns.map(({ name, data }) => ({ name, data, columnIndex: true, offsetIndex: true })),
    // One row group per file, as Spark writes files below its 128 MB block size.
    rowGroupSize: Math.max(records, 1),
    pageSize: PAGE_SIZE,
  })
  // The node file writer flushes synchronously, so neither call returns a promise.
  if (written) throw new Error('unexpected asynchronous parquet writer')
  const finished = pq.finish()
  if (finished) throw new Error('unexpected asynchronous parquet writer')
  return { length: writer.offset, records }
}
