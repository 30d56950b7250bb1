// Brings a database up to the latest schema, at start-up, with Kysely's Migrator. Safe with several app servers
// or processes starting at once: on Postgres the Migrator holds an advisory lock and runs in a transaction; on
// SQLite we add both (below).
import { setTimeout as sleep } from 'node:timers/promises'
import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely'
import type { Db } from './connect'
import { createDatabase } from './connect'
import { migrationProvider } from './migrations'
import type { Database } from './schema'

const sqliteAttempts = 5

/** Applies the migrations this database has not seen yet and returns their names (none when it is up to date). */
export async function migrateToLatest(database: Db, provider = migrationProvider(database.dialect)): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider })
  for (let attempt = 1; ; attempt++) {
    const { error, results = [] } =
      database.dialect === 'sqlite' ? await sqliteExclusive(database.db, () => migrator.migrateToLatest()) : await migrator.migrateToLatest()
    if (error === undefined) return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
    // Another process kept the write lock longer than busy_timeout (a long migration): wait for it, then find the
    // work done.
    if (database.dialect === 'sqlite' && isSqliteBusy(error) && attempt < sqliteAttempts) {
      await sleep(100 * attempt)
      continue
    }
    const failed = results.find((result) => result.status === 'Error')?.migrationName
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`The database migration${failed ? ` ${failed}` : 's'} failed: ${reason}`, { cause: error })
  }
}

/**
 * Kysely runs SQLite migrations with no lock and no transaction (it assumes a single connection). Two processes
 * starting on one file then both see a migration as pending and the second fails ("table already exists"), and a
 * migration that fails half-way stays half-applied. One IMMEDIATE transaction around the whole run fixes both: it
 * takes the write lock before reading which migrations ran (another process waits, then finds the work done), and
 * makes the run all-or-nothing. Safe because nothing else uses the connection until openDatabase returns it.
 */
async function sqliteExclusive(db: Kysely<Database>, run: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
  try {
    await sql`begin immediate`.execute(db)
  } catch (error) {
    return { error }
  }
  let result: MigrationResultSet
  try {
    result = await run()
  } catch (error) {
    result = { error }
  }
  await sql.raw(result.error === undefined ? 'commit' : 'rollback').execute(db)
  return result
}

/** createDatabase + migrateToLatest: a database ready for queries. */
export async function openDatabase(url: string): Promise<Db> {
  const database = await createDatabase(url)
  try {
    await migrateToLatest(database)
    return database
  } catch (error) {
    await database.close()
    throw error
  }
}

function isSqliteBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}
