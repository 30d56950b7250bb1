// Test support: a run (Catalog batch, our domain shape) with what run-history logic looks at.
import type { Batch } from '../types'

export const batchOf = (id: string, created: number, status: string, predecessors: string[] = []): Batch => ({
  id,
  idSource: 'key',
  status,
  created,
  errors: [],
  predecessors,
  metrics: {},
})
