// Shared by the simulator data tests: an independent reader (DuckDB), hyparquet's page indexes, and a runtime
// schema of the World so that a manifest read back from JSON is checked against the model's types.
import { readFile } from 'node:fs/promises'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { parquetMetadata, readColumnIndex, readOffsetIndex } from 'hyparquet'
import { z } from 'zod'
import type { World } from '../model'

export const SPARK_PART_NAME = /^part-\d{5}-tid-\d{19}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\d+-1-c000\.snappy\.parquet$/
export const BATCH_ID_FORMS = {
  ulid: /^[0-9A-HJKMNP-TV-Z]{26}$/,
  hex32: /^[0-9a-f]{32}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
}
export const batchIdForm = (id: string): string | undefined =>
  Object.entries(BATCH_ID_FORMS).find(([, pattern]) => pattern.test(id))?.[0]

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export interface Duck {
  rows: (sql: string) => Promise<Record<string, Json>[]>
  close: () => void
}

export async function openDuck(): Promise<Duck> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection: DuckDBConnection = await instance.connect()
  return {
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, Json>[],
    close: () => {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

/** A SQL list literal of file paths. */
export const sqlFiles = (paths: readonly string[]): string => `[${paths.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ')}]`

export interface LeafPages {
  path: string
  pages: number
  hasOffsetIndex: boolean
  hasColumnIndex: boolean
  /** Min and max of each page from the column index, when there is one. */
  pageMin?: unknown[]
  pageMax?: unknown[]
}

/** Per-leaf page counts and page indexes of a file's single row group, read with hyparquet. */
export async function pageIndexes(file: string): Promise<{ rowGroups: number; createdBy?: string; leaves: LeafPages[] }> {
  const bytes = await readFile(file)
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  const metadata = parquetMetadata(buffer)
  const group = metadata.row_groups[0]
  if (!group) return { rowGroups: 0, createdBy: metadata.created_by, leaves: [] }
  const leaves = group.columns.map((chunk) => {
    const meta = chunk.meta_data
    if (!meta) throw new Error('column chunk without metadata')
    const leaf: LeafPages = {
      path: meta.path_in_schema.join('.'),
      pages: 1,
      hasOffsetIndex: chunk.offset_index_offset !== undefined,
      hasColumnIndex: chunk.column_index_offset !== undefined,
    }
    if (chunk.offset_index_offset !== undefined && chunk.offset_index_length !== undefined) {
      const view = new DataView(buffer, Number(chunk.offset_index_offset), chunk.offset_index_length)
      leaf.pages = readOffsetIndex({ view, offset: 0 }).page_locations.length
    }
    if (chunk.column_index_offset !== undefined && chunk.column_index_length !== undefined) {
      const element = metadata.schema.find((e) => e.name === meta.path_in_schema.at(-1) && e.type === meta.type)
      if (!element) throw new Error(`no schema element for ${leaf.path}`)
      const view = new DataView(buffer, Number(chunk.column_index_offset), chunk.column_index_length)
      const index = readColumnIndex({ view, offset: 0 }, element)
      leaf.pageMin = index.min_values
      leaf.pageMax = index.max_values
    }
    return leaf
  })
  return { rowGroups: metadata.row_groups.length, createdBy: metadata.created_by, leaves }
}

const stringArrays = z.record(z.string(), z.array(z.string()))
const partSchema = z.object({ name: z.string(), relPath: z.string(), length: z.number(), records: z.number() })
const groupSchema = z.object({ dataSetFileId: z.string(), created: z.number(), parts: z.array(partSchema) })

/** The model's World as a runtime schema; `satisfies` keeps it in step with the TypeScript types. */
export const worldSchema = z.strictObject({
  cacheKey: z.string(),
  seed: z.string(),
  scale: z.enum(['demo', 'seed']),
  orgId: z.string(),
  tenant: z.string().startsWith('_'),
  sandboxes: z.array(
    z.strictObject({
      name: z.string(),
      title: z.string(),
      type: z.enum(['production', 'development']),
      isDefault: z.boolean(),
      state: z.literal('active'),
      region: z.string(),
      createdDate: z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      lastModifiedDate: z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    }),
  ),
  datasets: z.array(
    z.strictObject({
      sandbox: z.string(),
      id: z.string().regex(/^[0-9a-f]{24}$/),
      name: z.string(),
      description: z.string(),
      created: z.number(),
      updated: z.number(),
      viewId: z.string(),
      schemaRef: z.strictObject({
        // A tenant schema of the dataset's own, or the Profile union schema (export targets).
        id: z.union([z.string().regex(/^https:\/\/ns\.adobe\.com\/[a-z]+\/schemas\/[0-9a-f]{32}$/), z.literal('https://ns.adobe.com/xdm/context/profile__union')]),
        contentType: z.literal('application/vnd.adobe.xed+json;version=1'),
      }),
      tags: stringArrays,
      profileEnabled: z.boolean(),
      instance: z
        .strictObject({
          name: z.string(),
          key: z.string(),
          propensityType: z.enum(['churn', 'conversion']),
          frequency: z.enum(['weekly', 'monthly']),
          description: z.string(),
        })
        .optional(),
    }),
  ),
  batches: z.array(
    z.strictObject({
      sandbox: z.string(),
      id: z.string(),
      datasetId: z.string(),
      status: z.enum(['success', 'failure', 'processing', 'failed', 'queued', 'loading']),
      created: z.number(),
      started: z.number().optional(),
      completed: z.number().optional(),
      updated: z.number(),
      createdClient: z.string(),
      createdUser: z.string(),
      updatedUser: z.string(),
      externalId: z.string().optional(),
      version: z.string().regex(/^1\.0\.\d+$/),
      recordCount: z.number().optional(),
      size: z.number().optional(),
      metrics: z.record(z.string(), z.number()),
      errors: z.array(z.strictObject({ code: z.string(), description: z.string(), rows: z.array(z.string()).optional() })),
      replay: z
        .strictObject({
          predecessors: z.array(z.string()),
          reason: z.string(),
          predecessorListingType: z.enum(['IMMEDIATE', 'ALL']),
        })
        .optional(),
      tags: stringArrays,
      files: z.array(groupSchema),
    }),
  ),
  segments: z.array(
    z.strictObject({
      sandbox: z.string(),
      id: z.string(),
      name: z.string(),
      description: z.string(),
      expression: z.string(),
      datasetId: z.string(),
      created: z.number(),
      updated: z.number(),
      failsOnExport: z.boolean().optional(),
    }),
  ),
}) satisfies z.ZodType<World>
