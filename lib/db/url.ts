// Which backend a DATABASE_URL names. lib/config/schema.ts has already checked its shape; this turns it into what
// the drivers take.
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type DialectName = 'sqlite' | 'postgres'

export type DatabaseTarget =
  | { dialect: 'sqlite'; /** An absolute path, or `:memory:`. */ path: string }
  | { dialect: 'postgres'; connectionString: string }

/**
 * `postgres://…` / `postgresql://…` → PostgreSQL. `file:<path>` → SQLite, where a relative path is taken from the
 * working directory (`file:.data/x.sqlite`), `file:///abs/x.sqlite` is a file URL, and `file::memory:` is a private
 * in-memory database (tests only: it vanishes with its connection).
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const value = url.trim()
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', connectionString: value }
  if (/^file:/i.test(value)) {
    const rest = value.slice('file:'.length)
    if (rest === ':memory:') return { dialect: 'sqlite', path: ':memory:' }
    const path = rest.startsWith('//') ? fileURLToPath(value) : rest
    if (path === '') throw new Error('DATABASE_URL file: needs a path, e.g. file:.data/score-explorer.sqlite')
    return { dialect: 'sqlite', path: isAbsolute(path) ? path : resolve(path) }
  }
  throw new Error('DATABASE_URL must be file:<path> (SQLite) or postgres://… (PostgreSQL)')
}
