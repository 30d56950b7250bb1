import 'server-only'
import { serverConfig } from '@/lib/env'
import type { Db } from './connect'
import { openDatabase } from './migrate'

// The app's database: one per process, opened and migrated on first use. Held on globalThis because Next's dev
// server re-evaluates modules on every edit, and each copy would otherwise open (and never close) its own
// connection: for SQLite that is exactly the second in-process connection connect.ts warns about.

export type { Db } from './connect'
export type { Database, EpochMs } from './schema'

const slot = Symbol.for('score-explorer.database')
type Holder = typeof globalThis & { [slot]?: Promise<Db> }

export function database(): Promise<Db> {
  const holder = globalThis as Holder
  holder[slot] ??= openDatabase(serverConfig().DATABASE_URL).catch((error: unknown) => {
    // A failed start (Postgres not up yet) must not be cached: the next request tries again.
    holder[slot] = undefined
    throw error
  })
  return holder[slot]
}

/** For shutdown and tests: closes the process's database; the next database() opens it again. */
export async function closeDatabase(): Promise<void> {
  const holder = globalThis as Holder
  const open = holder[slot]
  holder[slot] = undefined
  if (open) await (await open.catch(() => undefined))?.close()
}
