import 'server-only'
import { parquetMetadataAsync, parquetSchema } from 'hyparquet'
import { aep } from '@/lib/aep'
import { rangeAsyncBuffer } from '@/lib/parquet/range-buffer'
import { readPartRange } from '@/lib/parquet/server-read'
import { locateScoreFields } from '@/lib/scores/locate'

// The key an instance's scores sit under (`_<tenant>.CustomerAI.<key>`) is not published by Adobe and may not be
// the instance name (aep-api.md §3.4). The instance's own score files know it: the footer of one part file of its
// latest successful run names the score struct. One ranged read; a finished run never changes, so the answer is
// kept per batch. Best effort: undefined when there is no run or the schema is not recognisable, and segment
// matching then falls back to the instance name (match.ts).

const byBatch = new Map<string, Promise<string | undefined>>()
const maxRemembered = 500

export async function instanceKeyOf(sandbox: string, datasetId: string): Promise<string | undefined> {
  const latest = await aep().catalog.latestSuccessfulBatch(sandbox, datasetId)
  if (!latest) return undefined
  const cacheKey = `${sandbox}/${latest.id}`
  let pending = byBatch.get(cacheKey)
  if (!pending) {
    pending = readInstanceKey(sandbox, latest.id).catch(() => undefined)
    if (byBatch.size >= maxRemembered) byBatch.delete(byBatch.keys().next().value ?? '')
    byBatch.set(cacheKey, pending)
  }
  return pending
}

async function readInstanceKey(sandbox: string, batchId: string): Promise<string | undefined> {
  const client = aep()
  const [group] = await client.dataAccess.listBatchFiles(sandbox, batchId)
  if (!group) return undefined
  const [part] = await client.dataAccess.listFileParts(sandbox, group.dataSetFileId)
  if (!part) return undefined
  const buffer = rangeAsyncBuffer(part.size, (start, end) => readPartRange(sandbox, part, start, end))
  const metadata = await parquetMetadataAsync(buffer, { initialFetchSize: 64 * 1024 })
  return locateScoreFields(parquetSchema(metadata))?.instanceKey
}
