// The SQLite backend: one better-sqlite3 connection per process (Kysely serialises queries on it).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { SqliteDialect } from 'kysely'

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
export const sqliteBusyTimeoutMs = 5_000

export function openSqlite(path: string): { dialect: SqliteDialect; database: SQLite.Database } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  // Another process (a second `next start`, a script) may hold the write lock for a moment: wait, don't fail. Set
  // at open, before anything else: switching a new file to WAL takes that lock too, and several processes may be
  // opening the same new file at once.
  const database = new SQLite(path, { timeout: sqliteBusyTimeoutMs })
  try {
    // WAL: readers never wait for the writer, and a crash cannot corrupt the file.
    const mode = switchToWal(database)
    if (path !== ':memory:' && mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${path} (got ${String(mode)})`)
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

/**
 * `journal_mode = WAL` needs the file to itself for a moment. When several processes open a new file at once, SQLite
 * may answer SQLITE_BUSY at once instead of waiting (the busy handler does not cover every case of this switch), so
 * try again for up to the busy timeout. Synchronous, like the rest of better-sqlite3.
 */
function switchToWal(database: SQLite.Database): unknown {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (let waited = 0; ; waited += 50) {
    try {
      return database.pragma('journal_mode = WAL', { simple: true })
    } catch (error) {
      const busy = typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_BUSY'
      if (!busy || waited >= sqliteBusyTimeoutMs) throw error
      Atomics.wait(pause, 0, 0, 50)
    }
  }
}
