import 'server-only'
import { z } from 'zod'
import { codeString, numeric } from './shared'

// Catalog answers are JSON objects keyed by object id, with no paging envelope (aep-api.md §1.2).

const wireRelatedObject = z.looseObject({ type: z.string().nullish(), id: z.string().nullish() })

export const wireBatch = z.looseObject({
  id: z.string().nullish(),
  status: z.string(),
  created: numeric,
  started: numeric.nullish(),
  completed: numeric.nullish(),
  updated: numeric.nullish(),
  createdClient: z.string().nullish(),
  recordCount: numeric.nullish(),
  failedRecordCount: numeric.nullish(),
  size: numeric.nullish(),
  errors: z.array(z.looseObject({ code: codeString.nullish(), description: z.string().nullish() })).nullish(),
  replay: z.looseObject({ predecessors: z.array(z.string()).nullish(), reason: z.string().nullish() }).nullish(),
  relatedObjects: z.array(wireRelatedObject).nullish(),
  /** Free-form; only numeric entries are kept. */
  metrics: z.record(z.string(), z.unknown()).nullish(),
})

export const wireBatchMap = z.record(z.string(), wireBatch)

export const wireDataset = z.looseObject({
  name: z.string(),
  description: z.string().nullish(),
  created: numeric,
  updated: numeric.nullish(),
  lastBatchId: z.string().nullish(),
  lastBatchStatus: z.string().nullish(),
  schemaRef: z.looseObject({ id: z.string().nullish() }).nullish(),
  /** `{tagName: [values]}`; values are normally strings. */
  tags: z.record(z.string(), z.unknown()).nullish(),
})

export const wireDatasetMap = z.record(z.string(), wireDataset)

/** `POST /dataSets` answers 201 with `["@/dataSets/{id}"]` (some docs write `@/datasets/`). */
export const wireCreatedRefs = z.array(z.string()).min(1)

export type WireBatch = z.infer<typeof wireBatch>
export type WireDataset = z.infer<typeof wireDataset>
