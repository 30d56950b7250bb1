// Column types that differ between the backends, named once so each migration reads the same on both.
import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import type { DialectName } from '../url'

/** Epoch milliseconds: bigint on both (SQLite gives it INTEGER affinity, 8 bytes). */
export const epochMs = 'bigint'

/** An ever-increasing integer key: the order rows were written in. */
export function identity(dialect: DialectName): {
  type: 'integer' | 'bigint'
  build: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
} {
  return dialect === 'sqlite'
    ? // AUTOINCREMENT: ids are never reused, even after the newest row is gone.
      { type: 'integer', build: (column) => column.primaryKey().autoIncrement() }
    : { type: 'bigint', build: (column) => column.primaryKey().generatedAlwaysAsIdentity() }
}

/** Migrations see the database as it was when they were written, so they take no table types. */
export type MigrationDb = Kysely<unknown>
