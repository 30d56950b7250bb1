// A run's insights, computed once per (run, version of the computation) and read by everyone after.
import { type Migration, sql } from 'kysely'
import { epochMs, type MigrationDb } from './columns'

export function runInsights(): Migration {
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('run_insights')
        .addColumn('sandbox', 'text', (column) => column.notNull())
        .addColumn('batch_id', 'text', (column) => column.notNull())
        // Bumped when the computation changes, so old results are recomputed rather than misread.
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('progress_json', 'text', (column) => column.notNull())
        .addColumn('result_json', 'text')
        .addColumn('error', 'text')
        .addColumn('updated_at', epochMs, (column) => column.notNull())
        .addPrimaryKeyConstraint('run_insights_pkey', ['sandbox', 'batch_id', 'version'])
        .addCheckConstraint('run_insights_status_check', sql`status in ('computing', 'done', 'failed')`)
        .addCheckConstraint('run_insights_result_check', sql`status <> 'done' or result_json is not null`)
        .execute()
    },
  }
}
