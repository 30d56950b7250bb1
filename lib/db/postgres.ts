// The PostgreSQL backend: a pg Pool, for when several app servers share one database (reliability.md §3.6).
import { PostgresDialect } from 'kysely'
import pg from 'pg'

// pg returns int8 (bigint, and count(*)) as strings, since they may exceed 2^53. Ours are epoch milliseconds, byte
// counts and counters, far below that, so they come back as numbers, the same as from SQLite. The override is per
// pool, not pg's global, so no other user of pg in the process is affected.
const int8 = 20

function parseInt8(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} does not fit a JavaScript number`)
  return parsed
}

export function openPostgres(connectionString: string): { dialect: PostgresDialect; pool: pg.Pool } {
  const types = new pg.TypeOverrides()
  types.setTypeParser(int8, parseInt8)
  const pool = new pg.Pool({
    connectionString,
    types,
    max: 10,
    application_name: 'score-explorer',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  })
  // An idle connection that breaks (the server restarts) is emitted here; unhandled, it would crash the process.
  // The pool drops that connection and opens a new one for the next query.
  pool.on('error', (error) => console.error('[db] an idle PostgreSQL connection failed:', error.message))
  return { dialect: new PostgresDialect({ pool }), pool }
}
