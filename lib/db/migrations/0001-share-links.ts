// Share links (reliability.md §3) and their append-only audit trail.
import { type Migration, sql } from 'kysely'
import type { DialectName } from '../url'
import { epochMs, identity, type MigrationDb } from './columns'

export function shareLinks(dialect: DialectName): Migration {
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('share_links')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('sandbox', 'text', (column) => column.notNull())
        .addColumn('dataset_file_id', 'text')
        .addColumn('file_path', 'text')
        .addColumn('batch_id', 'text')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', epochMs, (column) => column.notNull())
        .addColumn('expires_at', epochMs, (column) => column.notNull())
        .addColumn('revoked_at', epochMs)
        .addColumn('download_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('last_used_at', epochMs)
        // Lookups go by hash, and one hash can name one link only.
        .addUniqueConstraint('share_links_token_hash_key', ['token_hash'])
        .addCheckConstraint('share_links_kind_check', sql`kind in ('file', 'run')`)
        // A file link names the file; a run link names the run and no file.
        .addCheckConstraint(
          'share_links_target_check',
          sql`(kind = 'file' and dataset_file_id is not null and file_path is not null)
            or (kind = 'run' and batch_id is not null and dataset_file_id is null and file_path is null)`,
        )
        .addCheckConstraint('share_links_expiry_check', sql`expires_at > created_at`)
        .addCheckConstraint('share_links_download_count_check', sql`download_count >= 0`)
        .execute()
      // "My links", newest first.
      await db.schema.createIndex('share_links_by_creator').on('share_links').columns(['created_by', 'created_at']).execute()

      const id = identity(dialect)
      await db.schema
        .createTable('share_audit')
        .addColumn('id', id.type, id.build)
        .addColumn('link_id', 'text', (column) => column.references('share_links.id'))
        .addColumn('event', 'text', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('actor', 'text')
        .addColumn('at', epochMs, (column) => column.notNull())
        .addColumn('bytes', 'bigint')
        .addColumn('status', 'integer')
        .addCheckConstraint('share_audit_event_check', sql`event in ('create', 'open', 'download', 'denied', 'revoke')`)
        .execute()
      await db.schema.createIndex('share_audit_by_link').on('share_audit').columns(['link_id', 'id']).execute()
      // For "how many denials lately" (rate limiting and alerts, reliability.md T3.6).
      await db.schema.createIndex('share_audit_by_time').on('share_audit').column('at').execute()
      await appendOnly(db, dialect, 'share_audit')
    },
  }
}

// An audit trail the application can rewrite proves little: the database itself refuses UPDATE and DELETE.
async function appendOnly(db: MigrationDb, dialect: DialectName, table: 'share_audit'): Promise<void> {
  const message = sql.lit(`${table} is append-only`)
  if (dialect === 'sqlite') {
    for (const change of ['update', 'delete'] as const) {
      await sql`create trigger ${sql.id(`${table}_no_${change}`)} before ${sql.raw(change)} on ${sql.table(table)}
        begin select raise(abort, ${message}); end`.execute(db)
    }
    return
  }
  const refuse = sql.id(`${table}_append_only`)
  await sql`create function ${refuse}() returns trigger language plpgsql as $$
    begin raise exception ${message}; end $$`.execute(db)
  await sql`create trigger ${sql.id(`${table}_no_change`)} before update or delete on ${sql.table(table)}
    for each row execute function ${refuse}()`.execute(db)
  await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
    for each statement execute function ${refuse}()`.execute(db)
}
