// Database rows to the app's share types.
import type { ShareAuditRow, ShareLinkRow } from '@/lib/db/schema'
import { AppError } from '@/lib/errors'
import { stateAt } from './rules'
import type { ShareAuditEntry, ShareLink, ShareTarget } from './types'

export function toShareLink(row: ShareLinkRow, now: number): ShareLink {
  return {
    ...toTarget(row),
    id: row.id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    downloadCount: row.download_count,
    lastUsedAt: row.last_used_at,
    state: stateAt(row, now),
  }
}

function toTarget(row: ShareLinkRow): ShareTarget {
  if (row.kind === 'file' && row.dataset_file_id !== null && row.file_path !== null) {
    return { kind: 'file', sandbox: row.sandbox, dataSetFileId: row.dataset_file_id, path: row.file_path, batchId: row.batch_id }
  }
  if (row.kind === 'run' && row.batch_id !== null) return { kind: 'run', sandbox: row.sandbox, batchId: row.batch_id }
  // The table's check constraint makes this unreachable; if it ever is, say which row.
  throw new AppError('internal:share', 'A share link is damaged.', { detail: `share_links row ${row.id} has no valid target` })
}

export function toAuditEntry(row: ShareAuditRow): ShareAuditEntry {
  return {
    id: row.id,
    linkId: row.link_id,
    event: row.event,
    reason: row.reason,
    actor: row.actor,
    at: row.at,
    bytes: row.bytes,
    status: row.status,
  }
}
