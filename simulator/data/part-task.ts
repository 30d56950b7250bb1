// Writes one planned part file: rebuild its rows from the population, then encode them. Runs in a worker thread
// or in the calling thread; both go through this function.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { PartTask } from './runs'
import { buildRows } from './rows'
import { exportFileSchema, scoreFileSchema, sparkKeyValueMetadata } from './schema'
import { matchesRule } from './segment-rule'
import { writePartFile, type ColumnValues, type WriteResult } from './write-part'

export function runPartTask(dataDir: string, task: PartTask): WriteResult {
  const path = join(dataDir, task.relPath)
  mkdirSync(dirname(path), { recursive: true })
  const { ctx, tenant } = task
  const { rule } = task
  const rows = buildRows(ctx, task.from, task.to, task.firstRow, rule ? (score) => matchesRule(rule, score) : undefined)
  const columns: ColumnValues[] = [
    { name: 'identityMap', data: rows.identityMap },
    { name: tenant, data: rows.tenant },
  ]
  // Score files carry the data lake's system columns; an exported profile row does not.
  if (!rule) columns.push({ name: '_acp_system_metadata', data: rows.system })
  const result = writePartFile({
    path,
    schema: rule ? exportFileSchema(tenant, ctx.instanceKey) : scoreFileSchema(tenant, ctx.instanceKey),
    kvMetadata: sparkKeyValueMetadata(tenant, ctx.instanceKey, !rule),
    columns,
  })
  if (result.records !== task.records) {
    throw new Error(`${task.relPath}: planned ${task.records} rows, wrote ${result.records}`)
  }
  return result
}
