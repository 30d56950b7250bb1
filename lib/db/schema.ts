// The tables as the query layer sees them, one interface per table, kept in step with lib/db/migrations.
// Both backends return the same JS types: times are epoch milliseconds (bigint columns; Postgres' int8 is parsed to
// a number in postgres.ts), there are no booleans (a nullable time says more: `revoked_at` is when, not whether),
// and JSON is stored as text because SQLite has no JSON type and callers parse it with zod anyway.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number

export type ShareKind = 'file' | 'run'
export type ShareEvent = 'create' | 'open' | 'download' | 'denied' | 'revoke'
export type RunInsightsStatus = 'computing' | 'done' | 'failed'

export interface ShareLinksTable {
  /** Random URL-safe id, safe to log and show; never the token. */
  id: string
  /** sha256 of the token, hex. The token itself is never stored. */
  token_hash: string
  kind: ShareKind
  sandbox: string
  /** Set for kind `file`; null for a whole run. */
  dataset_file_id: string | null
  /** The part file's name within `dataset_file_id`; null for a whole run. */
  file_path: string | null
  /** The run; required for kind `run`, known or null for kind `file`. */
  batch_id: string | null
  created_by: string
  created_at: EpochMs
  expires_at: EpochMs
  revoked_at: EpochMs | null
  download_count: ColumnType<number, number | undefined, number>
  last_used_at: EpochMs | null
}

/** Append-only (the database refuses UPDATE and DELETE). Never holds a token. */
export interface ShareAuditTable {
  id: Generated<number>
  /** Null when the token matched no link. */
  link_id: string | null
  event: ShareEvent
  /** Why access was denied: `expired`, `revoked`, `unknown`, `malformed`, `not-in-organisation`, … */
  reason: string | null
  actor: string | null
  at: EpochMs
  bytes: number | null
  status: number | null
}

export interface RunInsightsTable {
  sandbox: string
  batch_id: string
  version: number
  status: RunInsightsStatus
  progress_json: string
  result_json: string | null
  error: string | null
  updated_at: EpochMs
}

export interface ExportJobsTable {
  /** Adobe's export job id. */
  id: string
  sandbox: string
  segment_id: string
  segment_name: string
  dataset_id: string
  created_by: string
  created_at: EpochMs
  /** Adobe's job status, stored as Adobe spells it. */
  status: string
  batch_id: string | null
  error: string | null
  updated_at: EpochMs
  /** The client's idempotency key: a double click sends the same key and finds the first job. */
  request_key: string
}

export interface Database {
  share_links: ShareLinksTable
  share_audit: ShareAuditTable
  run_insights: RunInsightsTable
  export_jobs: ExportJobsTable
}

export type ShareLinkRow = Selectable<ShareLinksTable>
export type NewShareLinkRow = Insertable<ShareLinksTable>
export type ShareAuditRow = Selectable<ShareAuditTable>
export type NewShareAuditRow = Insertable<ShareAuditTable>
export type RunInsightsRow = Selectable<RunInsightsTable>
export type ExportJobRow = Selectable<ExportJobsTable>
