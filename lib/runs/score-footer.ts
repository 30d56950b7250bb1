import 'server-only'
import { type FileMetaData, parquetMetadataAsync, parquetSchema } from 'hyparquet'
import { aep } from '@/lib/aep'
import { rangeAsyncBuffer } from '@/lib/parquet/range-buffer'
import { readPartRange } from '@/lib/parquet/server-read'
import { locateScoreFields, type ScoreFields } from '@/lib/scores/locate'

// What one footer of a finished run says about its scores: where the score struct sits (its instance key) and the
// column statistics of every leaf. One ranged read of the first part file's footer; no row is decoded. A finished
// run never changes, so the answer is kept per batch (bounded), and concurrent askers share one read. Failures
// reach the caller, which decides what it can show without the footer.

export interface ScoreFooter {
  metadata: FileMetaData
  fields?: ScoreFields
}

const byBatch = new Map<string, Promise<ScoreFooter | undefined>>()
const maxRemembered = 500

export function scoreFooterOfRun(sandbox: string, batchId: string): Promise<ScoreFooter | undefined> {
  const key = `${sandbox}/${batchId}`
  let pending = byBatch.get(key)
  if (!pending) {
    pending = readScoreFooter(sandbox, batchId)
    // Only answers are kept: a read that failed (Adobe throttling, a timeout) is tried again next time.
    pending.catch(() => byBatch.delete(key))
    if (byBatch.size >= maxRemembered) byBatch.delete(byBatch.keys().next().value ?? '')
    byBatch.set(key, pending)
  }
  return pending
}

async function readScoreFooter(sandbox: string, batchId: string): Promise<ScoreFooter | undefined> {
  const client = aep()
  const [group] = await client.dataAccess.listBatchFiles(sandbox, batchId)
  if (!group) return undefined
  const [part] = await client.dataAccess.listFileParts(sandbox, group.dataSetFileId)
  if (!part) return undefined
  const buffer = rangeAsyncBuffer(part.size, (start, end) => readPartRange(sandbox, part, start, end))
  const metadata = await parquetMetadataAsync(buffer, { initialFetchSize: 64 * 1024 })
  return { metadata, fields: locateScoreFields(parquetSchema(metadata)) }
}
