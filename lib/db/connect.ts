// One query layer over two backends. Connects only; lib/db/migrate.ts brings the schema up to date.
import { Kysely } from 'kysely'
import type { Database } from './schema'
import { openPostgres } from './postgres'
import { openSqlite } from './sqlite'
import { type DialectName, parseDatabaseUrl } from './url'

export interface Db {
  readonly db: Kysely<Database>
  readonly dialect: DialectName
  /** Closes the connection(s). Safe to call more than once. */
  close(): Promise<void>
}

/**
 * Opens `file:<path>` as SQLite (creating its directory) or `postgres://…` as a pg Pool.
 * SQLite: keep one Db per process and file. better-sqlite3 is synchronous, so a second connection in the same
 * process that waits for the first one's write lock blocks the very event loop the first one needs to commit.
 */
export async function createDatabase(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'sqlite') {
    const { dialect, database } = openSqlite(target.path)
    const db = new Kysely<Database>({ dialect })
    return {
      db,
      dialect: 'sqlite',
      close: once(async () => {
        await db.destroy()
        // Kysely closes the file only if it ever ran a query.
        if (database.open) database.close()
      }),
    }
  }
  const { dialect, pool } = openPostgres(target.connectionString)
  const db = new Kysely<Database>({ dialect })
  return {
    db,
    dialect: 'postgres',
    close: once(async () => {
      await db.destroy()
      if (!pool.ended) await pool.end()
    }),
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  return () => (done ??= action())
}
