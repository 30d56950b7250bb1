// Test support: a migrated database of its own for every test of the calling describe block, on one backend.
import { afterEach, beforeEach } from 'vitest'
import type { Db } from '../connect'
import { openDatabase } from '../migrate'
import type { TestBackend, TestDatabase } from './backends'

export interface PerTestDatabase {
  /** The open, migrated database of the running test. */
  readonly database: Db
  /** Its files or schema, for dumps. */
  readonly fresh: TestDatabase
}

export function databasePerTest(backend: TestBackend): PerTestDatabase {
  let current: { database: Db; fresh: TestDatabase } | undefined
  beforeEach(async () => {
    const fresh = await backend.fresh()
    current = { database: await openDatabase(fresh.url), fresh }
  })
  afterEach(async () => {
    await current?.database.close()
    await current?.fresh.drop()
    current = undefined
  })
  const get = () => {
    if (!current) throw new Error('the database exists only while a test runs')
    return current
  }
  return {
    get database() {
      return get().database
    },
    get fresh() {
      return get().fresh
    },
  }
}
