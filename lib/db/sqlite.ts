// The SQLite backend: one better-sqlite3 connection per process (Kysely serialises queries on it).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { SqliteDialect } from 'kysely'

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
export const sqliteBusyTimeoutMs = 5_000

export function openSqlite(path: string): { dialect: SqliteDialect; database: SQLite.Database } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const database = new SQLite(path)
  try {
    // WAL: readers never wait for the writer, and a crash cannot corrupt the file.
    const mode = database.pragma('journal_mode = WAL', { simple: true })
    if (path !== ':memory:' && mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${path} (got ${String(mode)})`)
    // Another process (a second `next start`, a script) may hold the write lock for a moment: wait, don't fail.
    database.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`)
    // Off by default in SQLite, for compatibility; our schema relies on them.
    database.pragma('foreign_keys = ON')
    // In WAL mode NORMAL is still crash-safe for the application; only a power cut can lose the last commits.
    database.pragma('synchronous = NORMAL')
  } catch (error) {
    database.close()
    throw error
  }
  return { dialect: new SqliteDialect({ database }), database }
}
