// What a share link is to the rest of the app. Type-only, so pages and components may import it too.
import type { EpochMs, ShareEvent } from '@/lib/db/schema'

export type { EpochMs, ShareEvent, ShareKind } from '@/lib/db/schema'

/** What a link opens: one part file, or a whole run as one zip. */
export type ShareTarget =
  | { kind: 'file'; sandbox: string; dataSetFileId: string; path: string; batchId: string | null }
  | { kind: 'run'; sandbox: string; batchId: string }

export type ShareState = 'active' | 'expired' | 'revoked'

export type ShareLink = ShareTarget & {
  id: string
  createdBy: string
  createdAt: EpochMs
  expiresAt: EpochMs
  revokedAt: EpochMs | null
  downloadCount: number
  /** The last successful open or download. */
  lastUsedAt: EpochMs | null
  /** At the time of the call that returned it. */
  state: ShareState
}

export type NewShare = (
  | { kind: 'file'; sandbox: string; dataSetFileId: string; path: string; batchId?: string | null }
  | { kind: 'run'; sandbox: string; batchId: string }
) & {
  createdBy: string
  /** Whole days, 1 to 30; 7 when left out. */
  expiresInDays?: number
}

export interface CreatedShare {
  id: string
  /** The only time the token exists outside the link itself: it is not stored and cannot be shown again. */
  token: string
  expiresAt: EpochMs
}

/** Why access was refused. The outside world sees one generic 404 for all of them; the audit keeps the reason. */
export type DenyReason = 'expired' | 'revoked' | 'unknown' | 'malformed' | 'not-in-organisation' | 'not-creator' | 'rate-limited'

export interface ShareAuditEntry {
  id: number
  linkId: string | null
  event: ShareEvent
  reason: string | null
  actor: string | null
  at: EpochMs
  bytes: number | null
  status: number | null
}
