import 'server-only'
import { parquetMetadataAsync, parquetSchema } from 'hyparquet'
import { aep } from '@/lib/aep'
import { readPartRange } from '@/lib/parquet/server-read'
import { rangeAsyncBuffer } from '@/lib/parquet/range-buffer'
import { locateScoreFields } from '@/lib/scores/locate'
import type { PropensityType } from '@/lib/instances/types'

// Adobe offers no field for an instance's propensity type. Every score row carries it, though, so the footer of
// one part file of a successful run answers: the column statistics of the propensityType leaf hold its min and
// max, and when both say "churn" the whole file does. One ranged read of the footer, no row is decoded.
// A finished run never changes, so the answer is kept per batch.
const byBatch = new Map<string, Promise<PropensityType | undefined>>()
const maxRemembered = 500

export function propensityTypeOfRun(sandbox: string, batchId: string): Promise<PropensityType | undefined> {
  const key = `${sandbox}/${batchId}`
  let pending = byBatch.get(key)
  if (!pending) {
    pending = readPropensityType(sandbox, batchId).catch(() => undefined)
    if (byBatch.size >= maxRemembered) byBatch.delete(byBatch.keys().next().value ?? '')
    byBatch.set(key, pending)
  }
  return pending
}

export function normalisePropensity(value: unknown): PropensityType | undefined {
  if (typeof value !== 'string') return undefined
  const lowered = value.toLowerCase()
  if (lowered.includes('churn')) return 'churn'
  if (lowered.includes('conversion') || lowered.includes('convert')) return 'conversion'
  return undefined
}

async function readPropensityType(sandbox: string, batchId: string): Promise<PropensityType | undefined> {
  const client = aep()
  const [group] = await client.dataAccess.listBatchFiles(sandbox, batchId)
  if (!group) return undefined
  const [part] = await client.dataAccess.listFileParts(sandbox, group.dataSetFileId)
  if (!part) return undefined
  const buffer = rangeAsyncBuffer(part.size, (start, end) => readPartRange(sandbox, part, start, end))
  const metadata = await parquetMetadataAsync(buffer, { initialFetchSize: 64 * 1024 })
  const fields = locateScoreFields(parquetSchema(metadata))
  if (!fields?.propensityType) return undefined
  const wanted = fields.propensityType.join('.')
  for (const rowGroup of metadata.row_groups) {
    const chunk = rowGroup.columns.find((column) => column.meta_data?.path_in_schema.join('.') === wanted)
    const stats = chunk?.meta_data?.statistics
    const min = normalisePropensity(stats?.min_value)
    if (min && min === normalisePropensity(stats?.max_value)) return min
  }
  return undefined
}
