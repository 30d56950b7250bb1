// Every migration, in order, listed by hand: Next bundles the server code, so there is no migrations folder to
// scan at run time. Names sort in the order they apply; a migration, once released, never changes: add a new one.
import type { Migration, MigrationProvider } from 'kysely'
import type { DialectName } from '../url'
import { shareLinks } from './0001-share-links'
import { runInsights } from './0002-run-insights'
import { exportJobs } from './0003-export-jobs'

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-share-links': shareLinks(dialect),
    '0002-run-insights': runInsights(),
    '0003-export-jobs': exportJobs(),
  }
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations(dialect)) }
}
