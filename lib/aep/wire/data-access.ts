import 'server-only'
import { z } from 'zod'
import { numeric, wireLink } from './shared'

// Data Access listings: `{data: [...], _page: {...}, _links: {next?: {href}}}` (aep-api.md §2).
// `created`, `records`, `size` and `length` arrive as strings of digits.

const wirePageLinks = z.looseObject({ next: wireLink.nullish() }).nullish()

export const wireBatchFile = z.looseObject({
  dataSetFileId: z.string().min(1),
  created: numeric,
  records: numeric.nullish(),
  size: numeric.nullish(),
})

export const wireBatchFilesPage = z.looseObject({
  data: z.array(wireBatchFile).nullish(),
  _links: wirePageLinks,
})

/** Case 1: the id names a directory of files; each item is a file we can download by name. */
export const wirePartItem = z.looseObject({ name: z.string().min(1), length: numeric })
/** Case 2: the id names a directory of further dataSetFiles, listed the same way. */
export const wireNestedFileItem = z.looseObject({ dataSetFileId: z.string().min(1) })

/** Tagged on parsing, so callers switch on `kind` instead of guessing from which keys are present. */
export const wireFileListingItem = z.union([
  wirePartItem.transform((item) => ({ kind: 'part' as const, item })),
  wireNestedFileItem.transform((item) => ({ kind: 'nested' as const, item })),
])

export const wireFileListingPage = z.looseObject({
  data: z.array(wireFileListingItem).nullish(),
  _links: wirePageLinks,
})

export type WireBatchFile = z.infer<typeof wireBatchFile>
export type WirePartItem = z.infer<typeof wirePartItem>
