// The ids a browser may send us. The browser never sends a URL: only these, each checked here before any use.
import { z } from 'zod'

export const sandboxName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'A sandbox name is lower-case letters, digits and dashes.')

export const datasetId = z.string().regex(/^[a-f0-9]{24}$/i, 'A dataset id is 24 hexadecimal characters.')

/** Batch ids come as ULIDs, 32-hex strings or hyphenated UUIDs. */
export const batchId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/, 'That is not a batch id.')

export const dataSetFileId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{7,79}$/, 'That is not a dataset file id.')
