// Segment exports started from the app (design.md flow 7), so their progress survives a reload or a restart.
import type { Migration } from 'kysely'
import { epochMs, type MigrationDb } from './columns'

export function exportJobs(): Migration {
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('export_jobs')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('sandbox', 'text', (column) => column.notNull())
        .addColumn('segment_id', 'text', (column) => column.notNull())
        .addColumn('segment_name', 'text', (column) => column.notNull())
        .addColumn('dataset_id', 'text', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', epochMs, (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('batch_id', 'text')
        .addColumn('error', 'text')
        .addColumn('updated_at', epochMs, (column) => column.notNull())
        .addColumn('request_key', 'text', (column) => column.notNull())
        // The same request twice (a double click, a retried POST) must find the first job, not start a second.
        .addUniqueConstraint('export_jobs_request_key_key', ['request_key'])
        .execute()
      await db.schema.createIndex('export_jobs_by_sandbox').on('export_jobs').columns(['sandbox', 'created_at']).execute()
    },
  }
}
