// What the browser may send to /api/shares, and what it gets back. Shared with lib/query/shares.ts (types only).
import { z } from 'zod'
import { partFileName } from '@/lib/http/file-name'
import { batchId, dataSetFileId, sandboxName } from '@/lib/http/ids'
import { defaultExpiryDays, maxExpiryDays } from '@/lib/shares/rules'
import type { ShareAuditEntry, ShareLink } from '@/lib/shares/types'

// The store enforces the same rule (lib/shares/rules.ts); checking here too gives the caller zod's precise message.
const minExpiryDays = 1

const expiresInDays = z
  .number({ error: 'expiresInDays must be a number of days.' })
  .int('expiresInDays must be a whole number of days.')
  .min(minExpiryDays, `A share link lasts at least ${minExpiryDays} day.`)
  .max(maxExpiryDays, `A share link lasts at most ${maxExpiryDays} days.`)
  .default(defaultExpiryDays)

const fileShare = z.strictObject({
  kind: z.literal('file'),
  sandbox: sandboxName,
  dataSetFileId,
  path: partFileName,
  /** The run the file belongs to, when the page knows it; checked against Adobe's listing. */
  batchId: batchId.optional(),
  expiresInDays,
})

const runShare = z.strictObject({ kind: z.literal('run'), sandbox: sandboxName, batchId, expiresInDays })

/** design.md's body `{sandbox, dataSetFileId, path, expiresInDays}` is a file link; `kind: 'run'` shares a whole run. */
export const createShareRequest = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && !('kind' in value) ? { ...value, kind: 'file' } : value),
  z.discriminatedUnion('kind', [fileShare, runShare], { error: 'kind must be "file" or "run".' }),
)

export type CreateShareRequest = z.input<typeof createShareRequest>
export type ShareRequest = z.output<typeof createShareRequest>

export interface CreatedShareResponse {
  id: string
  /** The link to hand on. Shown once: the server keeps only a hash of its token. */
  url: string
  expiresAt: number
}

export interface ShareListResponse {
  links: ShareLink[]
}

export interface RevokedShareResponse {
  link: ShareLink
}

export interface ShareAuditResponse {
  entries: ShareAuditEntry[]
}
